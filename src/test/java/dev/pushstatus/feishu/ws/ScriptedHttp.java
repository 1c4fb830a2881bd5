package dev.pushstatus.feishu.ws;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * An OkHttp interceptor that answers from a script and records requests: HTTP without a socket.
 * Answers are used in order; once they run out the last one repeats.
 */
final class ScriptedHttp implements Interceptor {

    /** A request as seen, its body read as UTF-8. */
    record Seen(Request request, String body) {
    }

    /** One scripted answer: a status and body, or an IOException. */
    record Answer(int status, String body, IOException failure) {
        static Answer json(int status, String body) {
            return new Answer(status, body, null);
        }

        static Answer failing(IOException failure) {
            return new Answer(0, "", failure);
        }
    }

    final List<Seen> seen = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private Answer last = Answer.json(500, "{\"code\":-1,\"msg\":\"nothing scripted\"}");

    ScriptedHttp then(Answer answer) {
        script.add(answer);
        return this;
    }

    OkHttpClient client() {
        return new OkHttpClient.Builder().addInterceptor(this).build();
    }

    @Override
    public synchronized Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Buffer buffer = new Buffer();
        if (request.body() != null) {
            request.body().writeTo(buffer);
        }
        seen.add(new Seen(request, buffer.readUtf8()));
        if (!script.isEmpty()) {
            last = script.removeFirst();
        }
        Answer answer = last;
        if (answer.failure() != null) {
            throw answer.failure();
        }
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(answer.status()).message("x")
                .body(ResponseBody.create(answer.body(), MediaType.get("application/json; charset=utf-8")))
                .build();
    }
}
