package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The part of the OkHttp adapter that needs no socket: reading a refused handshake. */
class OkHttpTransportTest {

    private static Response.Builder answer(int code) {
        return new Response.Builder().request(new Request.Builder().url("https://msg-frontier.feishu.cn/ws/v2").build())
                .protocol(Protocol.HTTP_1_1).code(code).message("x");
    }

    @Test
    void shutdownEndsItsOwnReaderPool() {
        OkHttpTransport transport = new OkHttpTransport(new okhttp3.OkHttpClient());
        assertThat(transport.isShutdown()).isFalse();

        transport.shutdown();

        assertThat(transport.isShutdown()).isTrue();
    }

    @Test
    void readsTheHandshakeHeaders() {
        Transport.Refusal refusal = OkHttpTransport.refusal(answer(200)
                .header("handshake-status", "514")
                .header("handshake-autherrcode", "1000040350")
                .header("handshake-msg", "too many connections")
                .build());

        assertThat(refusal).isEqualTo(new Transport.Refusal(514, "1000040350", "too many connections"));
    }

    @Test
    void withoutAHandshakeStatusTheHttpStatusCounts() {
        assertThat(OkHttpTransport.refusal(answer(403).build())).isEqualTo(new Transport.Refusal(403, null, null));
        assertThat(OkHttpTransport.refusal(answer(514).header("handshake-status", "n/a").build()).status())
                .isEqualTo(514);
    }
}
