package dev.pushstatus.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Writes the bot's small JSON answers with the one configured mapper. */
final class Json {

    private final ObjectMapper mapper;

    Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void send(Context ctx, int status, Object body) {
        String text;
        try {
            text = mapper.writeValueAsString(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("answers are maps of strings and always serialise", e);
        }
        sendRaw(ctx, status, text);
    }

    /** Sends a body that is already JSON text. */
    void sendRaw(Context ctx, int status, String json) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(json);
    }
}
