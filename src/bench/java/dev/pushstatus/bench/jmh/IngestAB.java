package dev.pushstatus.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cross-check of {@link IngestBenchmark}'s ratio that other load on the machine cannot skew:
 * the same two code paths, in one JVM, alternating in 100 ms slices (ABBA order) after a common
 * warm-up; each pair of slices gives one ours/SDK ratio, and the median of those is reported.
 * JMH runs the two sides one after the other, so a busy neighbour during one of them moves the
 * ratio; here both sides share every second of the run.
 */
public final class IngestAB {

    /** One operation under test. */
    @FunctionalInterface
    interface Op {
        Object run() throws Throwable;
    }

    private static final long SLICE_NANOS = 100_000_000L;
    private static volatile Object sink;

    private IngestAB() {
    }

    public static void main(String[] args) throws Throwable {
        Path out = Path.of(args[0]);
        double warmSeconds = Double.parseDouble(args[1]);
        double measureSeconds = Double.parseDouble(args[2]);
        IngestBenchmark b = new IngestBenchmark();
        b.setUp();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("slice_ms", SLICE_NANOS / 1_000_000);
        result.put("warmup_seconds", warmSeconds);
        result.put("measure_seconds", measureSeconds);
        result.put("encrypted", pair(b::oursEncrypted, b::sdkEncrypted, warmSeconds, measureSeconds));
        result.put("plain", pair(b::oursPlain, b::sdkPlain, warmSeconds, measureSeconds));
        // A stream of distinct events with fresh message_ids (the realistic case), with and without
        // the first-sight claim (in a dedupe at the bot's bound of 100,000, so every claim evicts).
        double streamWarm = warmSeconds / 2;
        result.put("stream_events", IngestBenchmark.STREAM_EVENTS);
        result.put("encrypted_stream", pair(() -> b.oursEncryptedStream(true), () -> b.sdkEncryptedStream(true),
                streamWarm, measureSeconds));
        result.put("encrypted_stream_decode_only", pair(() -> b.oursEncryptedStream(false),
                () -> b.sdkEncryptedStream(false), streamWarm, measureSeconds / 2));
        result.put("plain_stream", pair(() -> b.oursPlainStream(true), () -> b.sdkPlainStream(true),
                streamWarm, measureSeconds / 2));
        result.put("plain_stream_decode_only", pair(() -> b.oursPlainStream(false), () -> b.sdkPlainStream(false),
                streamWarm, measureSeconds / 2));
        // Where ours spends its time on the stream: JFR execution samples of ours alone for a few seconds.
        Path jfr = out.resolveSibling("ingest-ours-stream.jfr");
        java.time.Instant from;
        try (jdk.jfr.Recording rec = new jdk.jfr.Recording()) {
            rec.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10)).withStackTrace();
            rec.start();
            from = java.time.Instant.now();
            long until = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < until) {
                slice(() -> b.oursEncryptedStream(true));
            }
            rec.stop();
            rec.dump(jfr);
        }
        result.put("profile_ours_encrypted_stream", dev.pushstatus.bench.Profiles.summarise(jfr, from));
        System.out.println("ingest A/B " + result);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
    }

    private static Map<String, Object> pair(Op ours, Op sdk, double warm, double measure)
            throws Throwable {
        long warmEnd = System.nanoTime() + (long) (warm * 1e9);
        while (System.nanoTime() < warmEnd) {
            slice(ours);
            slice(sdk);
        }
        List<Double> ratios = new ArrayList<>();
        double oursOps = 0;
        double sdkOps = 0;
        long end = System.nanoTime() + (long) (measure * 1e9);
        boolean oursFirst = true;
        while (System.nanoTime() < end) {
            double a;
            double k;
            if (oursFirst) {
                a = slice(ours);
                k = slice(sdk);
            } else {
                k = slice(sdk);
                a = slice(ours);
            }
            oursFirst = !oursFirst;
            ratios.add(a / k);
            oursOps += a;
            sdkOps += k;
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", sorted.length);
        m.put("ours_ops_per_second", oursOps / sorted.length);
        m.put("sdk_ops_per_second", sdkOps / sorted.length);
        m.put("ratio_median", quantile(sorted, 0.5));
        m.put("ratio_p25", quantile(sorted, 0.25));
        m.put("ratio_p75", quantile(sorted, 0.75));
        return m;
    }

    /** Runs the code for one slice; returns its rate in ops/s. */
    private static double slice(Op code) throws Throwable {
        long start = System.nanoTime();
        long end = start + SLICE_NANOS;
        long n = 0;
        long now;
        do {
            for (int i = 0; i < 16; i++) {
                sink = code.run();
            }
            n += 16;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (sorted.length - 1) + 0.5))];
    }

    @Override
    public String toString() {
        return Arrays.toString(new Object[] {sink});
    }
}
