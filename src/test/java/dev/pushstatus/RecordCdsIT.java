package dev.pushstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's class-data step, run here as the Dockerfile runs it (its JVM flags, read from the
 * Dockerfile), since no image is built in the tests: scripts/record-cds leaves a non-empty archive,
 * with a throwaway Redis when redis-server is installed, and a JVM started with the entrypoint's
 * flags maps classes from it. About 6 s.
 */
class RecordCdsIT {

    static final Path JAR = Path.of("target/push-status-bot.jar");

    record Run(int exit, String out) {}

    static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 90 s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theImagesRecordingStepLeavesAnArchiveTheEntrypointsJvmUses(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("integration tests run after `mvn package`").exists();
        Dockerfile dockerfile = Dockerfile.read(Path.of("Dockerfile"));
        List<String> recordedWith = dockerfile.recordCdsArguments();
        Path archive = dir.resolve("push-status-bot.jsa");

        List<String> record = new ArrayList<>(List.of("bash", "scripts/record-cds", JAR.toString(), archive.toString()));
        record.addAll(recordedWith.subList(2, recordedWith.size()));
        Run recorded = run(record);
        assertThat(recorded.exit()).as("scripts/record-cds exit code; its output:\n" + recorded.out()).isZero();
        assertThat(Files.size(archive)).as("the recorded archive's size").isPositive();
        if (onPath("redis-server")) { // scripts/test installs it; the image's build does too
            assertThat(recorded.out()).as("recorded with a throwaway Redis, so the Redis client's classes are archived; output:\n"
                    + recorded.out()).contains("(with Redis)");
        }

        // The entrypoint's JVM flags with this archive; --help loads the jar's main classes and exits.
        List<String> entrypoint = dockerfile.finalStage().last("ENTRYPOINT").orElseThrow().execForm();
        List<String> start = new ArrayList<>();
        for (String word : entrypoint.subList(0, entrypoint.indexOf("-jar"))) {
            start.add(word.startsWith("-XX:SharedArchiveFile=") ? "-XX:SharedArchiveFile=" + archive : word);
        }
        start.addAll(List.of("-Xlog:class+load=info", "-jar", JAR.toString(), "--help"));
        Run started = run(start);
        assertThat(started.exit()).as("java --help with the entrypoint's flags; output:\n" + started.out()).isZero();
        assertThat(started.out().lines().filter(l -> l.contains("source: shared objects file (top)")).count())
                .as("classes the entrypoint's JVM maps from the recorded archive (0: the JVM refused it, e.g. flags that"
                        + " change compressed oops between recording and start)")
                .isPositive();
    }
}
