package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The sandbox console: its static files under {@code /console/}, and the endpoints its side
 * panel uses to play the helpdesk (change a notification, queue a fault); what it shows of the
 * bot comes from {@link SandboxChat}. Plain files from the classpath, no build step, so it works
 * offline.
 */
final class ConsoleRoutes {

    /** The only files served: a fixed list, so no path from a request ever reaches the classpath. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "cards.js", "text/javascript; charset=utf-8");
    private static final List<String> EDITABLE = List.of("status", "target_user_count", "sent_user_count",
            "read_user_count");
    private static final Duration SLOW = Duration.ofSeconds(5);

    private final FeishuSimulator simulator;
    private final ObjectMapper mapper;

    ConsoleRoutes(FeishuSimulator simulator, ObjectMapper mapper) {
        this.simulator = simulator;
        this.mapper = mapper;
    }

    void file(Context ctx) throws IOException {
        String name = ctx.pathParamMap().getOrDefault("file", "");
        if (name.isEmpty() && !ctx.path().endsWith("/")) {
            // The page's relative links need the slash.
            ctx.redirect("/console/");
            return;
        }
        String type = FILES.get(name.isEmpty() ? "index.html" : name);
        if (type == null) {
            ctx.status(404).result("not found");
            return;
        }
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/" + (name.isEmpty() ? "index.html" : name))) {
            if (in == null) {
                ctx.status(404).result("not found");
                return;
            }
            ctx.contentType(type).header("Cache-Control", "no-store").result(in.readAllBytes());
        }
    }

    /** {@code GET /sim/notifications}: the seeded notifications, with the fields the panel edits. */
    void notifications(Context ctx) {
        ArrayNode list = mapper.createArrayNode();
        for (String id : simulator.fixtures().ids()) {
            simulator.fixtures().find(id).ifPresent(data -> {
                JsonNode n = data.path("notification");
                ObjectNode row = list.addObject().put("id", id).put("job_name", n.path("job_name").asText(""));
                EDITABLE.forEach(field -> row.set(field, n.path(field)));
            });
        }
        simulator.send(ctx, 200, list);
    }

    /** {@code POST /sim/notifications/{id}}: sets any of status and the three counts (numbers, or null to remove). */
    void change(Context ctx) {
        String id = ctx.pathParam("id");
        JsonNode body;
        try {
            body = mapper.readTree(ctx.body());
        } catch (JacksonException e) {
            body = null;
        }
        if (body == null || !body.isObject() || simulator.fixtures().find(id).isEmpty()) {
            simulator.send(ctx, 400, mapper.createObjectNode().put("error", "unknown id or body not a JSON object"));
            return;
        }
        JsonNode changes = body;
        simulator.fixtures().update(id, data -> {
            ObjectNode n = (ObjectNode) data.path("notification");
            for (String field : EDITABLE) {
                JsonNode value = changes.path(field);
                if (value.isIntegralNumber()) {
                    n.put(field, value.asInt());
                } else if (value.isNull()) {
                    n.remove(field);
                }
            }
            return data;
        });
        simulator.send(ctx, 200, simulator.fixtures().find(id).orElseThrow().path("notification"));
    }

    /**
     * {@code POST /sim/notifications/{id}/send}: the push starts now and goes out over a minute, reads
     * following (each helpdesk GET sees the counts of that moment): a watched card changes by itself.
     */
    void sendNow(Context ctx) {
        String id = ctx.pathParam("id");
        if (!simulator.sendNow(id)) {
            simulator.send(ctx, 404, mapper.createObjectNode().put("error", "unknown id"));
            return;
        }
        simulator.send(ctx, 200, simulator.fixtures().find(id).orElseThrow().path("notification"));
    }

    /** {@code POST /sim/faults} with {@code {"kind": "404" | "403" | "429" | "slow"}}: the next lookup answers so. */
    void fault(Context ctx) {
        String kind;
        try {
            kind = mapper.readTree(ctx.body()).path("kind").asText("");
        } catch (JacksonException e) {
            kind = "";
        }
        Fault fault = switch (kind) {
            case "404" -> Fault.error(404, 154004, "Resource not found");
            case "403" -> Fault.error(403, 154003, "check access");
            case "429" -> Fault.rateLimited(10);
            case "slow" -> Fault.delay(SLOW);
            default -> null;
        };
        if (fault == null) {
            simulator.send(ctx, 400, mapper.createObjectNode().put("error", "kind is one of 404, 403, 429, slow"));
            return;
        }
        simulator.inject(Fault.Endpoint.HELPDESK, fault, kind);
        simulator.send(ctx, 200, mapper.createObjectNode().put("queued", kind));
    }

    /** {@code GET /sim/faults}: the helpdesk faults queued lately, each queued, used or cleared, oldest first. */
    void faultLog(Context ctx) {
        ArrayNode list = mapper.createArrayNode();
        simulator.faultLog().stream().filter(f -> f.endpoint() == Fault.Endpoint.HELPDESK)
                .forEach(f -> list.add(mapper.valueToTree(f)));
        ObjectNode body = mapper.createObjectNode();
        body.set("faults", list);
        simulator.send(ctx, 200, body);
    }

    /** {@code DELETE /sim/faults}: drops the helpdesk faults not played yet. */
    void clearFaults(Context ctx) {
        simulator.send(ctx, 200, mapper.createObjectNode().put("cleared", simulator.clearFaults(Fault.Endpoint.HELPDESK)));
    }

    /**
     * {@code POST /sim/ws/faults} with {@code {"kind": "drop" | "close" | "silent" | "handshake-too-many" |
     * "handshake-forbidden" | "endpoint-temporary" | "endpoint-config-error", "until_cleared": false}}: the
     * long connection plays the fault once, or until {@code DELETE /sim/ws/faults} (see {@link LongConnectionFault}).
     */
    void longConnectionFault(Context ctx) {
        JsonNode body;
        try {
            body = mapper.readTree(ctx.body());
        } catch (JacksonException e) {
            body = null;
        }
        String kind = body == null ? "" : body.path("kind").asText("");
        boolean untilCleared = body != null && body.path("until_cleared").asBoolean(false);
        LongConnectionFault fault = LongConnectionFault.ofKind(kind).orElse(null);
        if (fault == null) {
            ArrayNode kinds = mapper.createArrayNode();
            for (LongConnectionFault f : LongConnectionFault.values()) {
                kinds.add(f.kind());
            }
            ObjectNode error = mapper.createObjectNode().put("error", "kind is one of the listed kinds");
            error.set("kinds", kinds);
            simulator.send(ctx, 400, error);
            return;
        }
        if (untilCleared) {
            simulator.longConnection().injectUntilCleared(fault);
        } else {
            simulator.longConnection().inject(fault);
        }
        simulator.send(ctx, 200, mapper.createObjectNode().put("injected", kind).put("until_cleared", untilCleared));
    }

    /** {@code DELETE /sim/ws/faults}: forgets the long connection's pending and lasting faults. */
    void clearLongConnectionFaults(Context ctx) {
        simulator.longConnection().clearFaults();
        simulator.send(ctx, 200, mapper.createObjectNode().put("cleared", true));
    }
}
