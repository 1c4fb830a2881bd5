package dev.pushstatus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int execute(Map<String, String> env, String... args) throws InterruptedException {
        return Main.execute(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWrongVariableStopsStartUpWithOneLineNamingIt() throws Exception {
        int code = Main.run(Map.of("FEISHU_APP_ID", "cli_a", "FEISHU_APP_SECRET", "SECRET-x"),
                new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err().lines()).singleElement().asString()
                .contains("FEISHU_VERIFICATION_TOKEN").doesNotContain("SECRET-").doesNotContain("Exception");
    }

    @Test
    void severalMissingCredentialsAreNamedInTheOneLine() throws Exception {
        int code = execute(Map.of("FEISHU_APP_ID", "cli_a", "PORT", "eighty"));
        assertThat(code).isEqualTo(Main.EXIT_CONFIG);
        assertThat(err().lines()).singleElement().asString()
                .startsWith("push-status-bot: configuration error: FEISHU_APP_SECRET is not set; ")
                .contains("FEISHU_VERIFICATION_TOKEN", "FEISHU_HELPDESK_ID", "FEISHU_HELPDESK_TOKEN", "PORT is \"eighty\"");
        assertThat(out()).isEmpty();
    }

    @Test
    void doctorRefusesAWrongConfigurationTheSameWayBeforeCallingAnything() throws Exception {
        int code = execute(Map.of("FEISHU_APP_ID", "cli_a", "FEISHU_APP_SECRET", "SECRET-x"), "doctor");
        assertThat(code).isEqualTo(Main.EXIT_CONFIG);
        assertThat(err().lines()).singleElement().asString()
                .contains("FEISHU_VERIFICATION_TOKEN", "FEISHU_HELPDESK_ID", "FEISHU_HELPDESK_TOKEN").doesNotContain("SECRET-");
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpPrintsTheUsageOnStdoutAndSucceeds(String arg) throws Exception {
        assertThat(execute(Map.of(), arg)).isZero();
        assertThat(out()).isEqualTo(Main.USAGE).startsWith("Usage: java -jar push-status-bot.jar");
        assertThat(err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "--version", "run", "start", "Doctor", "--doctor", "-help", ""})
    void anyOtherArgumentPrintsTheUsageOnStderrAndExits2InsteadOfStartingTheBot(String arg) throws Exception {
        assertThat(execute(Map.of(), arg)).isEqualTo(Main.EXIT_USAGE).isEqualTo(2);
        assertThat(err()).startsWith("push-status-bot: unknown argument: " + arg + "\n").endsWith(Main.USAGE);
        assertThat(out()).isEmpty();
    }

    @Test
    void extraArgumentsAfterACommandAreRefusedToo() throws Exception {
        assertThat(execute(Map.of(), "doctor", "--verbose")).isEqualTo(2);
        assertThat(err()).startsWith("push-status-bot: unknown arguments: doctor --verbose\n").endsWith(Main.USAGE);
        assertThat(execute(Map.of(), "--help", "doctor")).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void theUsageNamesTheCommandsAndEveryVariableTheCodeReads() throws IOException {
        Set<String> variables = literals("src/main/java/dev/pushstatus/app/Config.java", "\"((?:FEISHU|BOT|LOG)_[A-Z_]+|PORT)\"");
        variables.addAll(literals("src/main/java/dev/pushstatus/app/Main.java", "env\\.get\\(\"([A-Z_]+)\"\\)"));
        assertThat(variables).contains("FEISHU_APP_ID", "FEISHU_HELPDESK_TOKEN", "PORT", "LOG_FORMAT", "PUBLIC_URL");
        assertThat(variables).allSatisfy(name -> assertThat(Main.USAGE).containsPattern("\\b" + name + "\\b"));
        assertThat(Main.USAGE).contains("doctor", "--help", "-h", "sandbox", "default 8080", "default 30s",
                "default Asia/Shanghai", "default https://open.feishu.cn");
        assertThat(Main.USAGE.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }

    /** The chain Javalin 7 throws when Jetty cannot bind (JettyServer.start). */
    static RuntimeException javalinBindFailure(int port) {
        return new io.javalin.util.JavalinBindException("Port already in use. Make sure no other process is using port "
                + port + " and try again.", new IOException("Failed to bind to 0.0.0.0/0.0.0.0:" + port,
                new BindException("Address already in use")));
    }

    @Test
    void aTakenPortIsOneLineNamingThePortAndTheVariable() {
        assertThat(Main.startFailure(javalinBindFailure(8080), 8080))
                .isEqualTo("port 8080 is already in use (set PORT to another port, or 0 for any free one)");
        assertThat(Main.startFailure(javalinBindFailure(80), 80))
                .isEqualTo("port 80 is already in use or needs root (set PORT to another port, or 0 for any free one)");
    }

    @Test
    void aTakenPortIsRecognisedByTheExceptionsTypeWhateverItsWording() {
        RuntimeException wrapped = new IllegalStateException("boom", new RuntimeException(new BindException()));
        assertThat(Main.startFailure(wrapped, 18080)).startsWith("port 18080 is already in use (set PORT");
        assertThat(Main.startFailure(new IllegalStateException("Address already in use"), 18080))
                .as("no BindException: the text alone proves nothing").isEqualTo("Address already in use");
    }

    @Test
    void anotherFailureToStartIsItsRootCause() {
        assertThat(Main.startFailure(new IllegalStateException("wrapper", new IOException("disk on fire")), 8080))
                .isEqualTo("disk on fire");
        assertThat(Main.startFailure(new IllegalStateException(new NullPointerException()), 8080))
                .isEqualTo("java.lang.NullPointerException");
    }

    static Set<String> literals(String file, String regex) throws IOException {
        return dev.pushstatus.SourceLiterals.in(file, regex);
    }
}
