package dev.pushstatus.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's {@code jdk.ExecutionSample} events (what
 * {@code jfr print --events jdk.ExecutionSample} lists): who was on CPU (load driver, simulator,
 * bot) and, for the bot, which component, plus the top frames.
 */
public final class Profiles {

    /** Package prefixes to components, first match wins; JDK frames are skipped unless crypto. */
    private static final String[][] COMPONENTS = {
            {"com.sun.crypto.", "crypto (AES, SHA-256)"},
            {"sun.security.", "crypto (AES, SHA-256)"},
            {"javax.crypto.", "crypto (AES, SHA-256)"},
            {"java.security.", "crypto (AES, SHA-256)"},
            {"com.fasterxml.jackson.", "JSON (Jackson)"},
            {"org.eclipse.jetty.", "HTTP server (Jetty, Javalin)"},
            {"io.javalin.", "HTTP server (Jetty, Javalin)"},
            {"jakarta.servlet.", "HTTP server (Jetty, Javalin)"},
            {"okhttp3.", "HTTP client (OkHttp, Okio)"},
            {"okio.", "HTTP client (OkHttp, Okio)"},
            {"ch.qos.logback.", "logging (Logback)"},
            {"org.slf4j.", "logging (Logback)"},
            {"io.micrometer.", "metrics (Micrometer)"},
            {"io.prometheus.", "metrics (Micrometer)"},
            {"com.github.benmanes.caffeine.", "caches (Caffeine)"},
            {"dev.pushstatus.feishu.card.", "card rendering (ours)"},
            {"dev.pushstatus.", "bot code (ours, other)"},
    };

    private Profiles() {
    }

    /** Summarises the samples taken from {@code from} on. */
    public static Map<String, Object> summarise(Path jfr, java.time.Instant from) throws IOException {
        List<RecordedEvent> samples = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample"))
                .filter(e -> !e.getStartTime().isBefore(from))
                .toList();
        Map<String, Integer> who = new HashMap<>();
        Map<String, Integer> components = new HashMap<>();
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Integer> onStack = new HashMap<>();
        int bot = 0;
        for (RecordedEvent e : samples) {
            RecordedStackTrace stack = e.getStackTrace();
            String thread = e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            String owner;
            if (thread != null && thread.startsWith("loadgen-")) {
                owner = "load driver";
            } else if (frames.stream().anyMatch(f -> typeOf(f).startsWith("dev.pushstatus.feishu.sim."))) {
                owner = "simulator (stands in for Feishu)";
            } else {
                owner = "bot";
            }
            who.merge(owner, 1, Integer::sum);
            if (!owner.equals("bot")) {
                continue;
            }
            bot++;
            components.merge(component(frames), 1, Integer::sum);
            RecordedFrame top = frames.get(0);
            topFrames.merge(shortName(top), 1, Integer::sum);
            // Inclusive: every method of ours (and the library entry points it calls) on the stack, once per sample.
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame f : frames) {
                String type = typeOf(f);
                if (type.startsWith("dev.pushstatus.") && seen.add(shortName(f))) {
                    onStack.merge(shortName(f), 1, Integer::sum);
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("samples", samples.size());
        result.put("bot_samples", bot);
        result.put("by_owner", sortedShares(who, samples.size(), 10));
        result.put("bot_by_component", sortedShares(components, bot, 12));
        result.put("bot_top_frames", sortedShares(topFrames, bot, 10));
        result.put("bot_on_stack", sortedShares(onStack, bot, 25));
        return result;
    }

    /** Prints the summary of a recording: {@code Profiles <file.jfr>}. */
    public static void main(String[] args) throws IOException {
        Map<String, Object> s = summarise(Path.of(args[0]), java.time.Instant.EPOCH);
        for (Map.Entry<String, Object> e : s.entrySet()) {
            if (e.getValue() instanceof List<?> rows) {
                System.out.println("== " + e.getKey());
                for (Object row : rows) {
                    Map<?, ?> m = (Map<?, ?>) row;
                    System.out.printf("  %5.1f %%  %s%n", 100 * ((Number) m.get("share")).doubleValue(), m.get("name"));
                }
            } else {
                System.out.println(e.getKey() + ": " + e.getValue());
            }
        }
    }

    /** The component of the frame nearest the top that is not plain JDK code. */
    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = typeOf(f);
            for (String[] c : COMPONENTS) {
                if (type.startsWith(c[0])) {
                    return c[1];
                }
            }
            if (!(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                    || type.startsWith("kotlin."))) {
                return "other libraries";
            }
        }
        return "JDK only (threads, sockets, GC glue)";
    }

    private static String typeOf(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        return m == null || m.getType() == null ? "" : m.getType().getName();
    }

    private static String shortName(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }

    private static List<Map<String, Object>> sortedShares(Map<String, Integer> counts, int total, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", e.getKey());
                    m.put("samples", e.getValue());
                    m.put("share", total == 0 ? 0 : e.getValue() / (double) total);
                    return m;
                })
                .collect(Collectors.toList());
    }
}
