package dev.pushstatus.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoggingSetupTest {

    private final LoggerContext context = new LoggerContext();

    private Configurator.ExecutionStatus configure(Map<String, String> settings) {
        LoggingSetup setup = new LoggingSetup(settings::get);
        setup.setContext(context);
        return setup.configure(context);
    }

    private ConsoleAppender<ILoggingEvent> console() {
        return (ConsoleAppender<ILoggingEvent>) root().getAppender("console");
    }

    private ch.qos.logback.classic.Logger root() {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(Configurator.class)).anyMatch(LoggingSetup.class::isInstance);
    }

    @Test
    void byDefaultTextLinesAtInfoWithTheLibrariesQuieter() {
        assertThat(configure(Map.of())).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(root().getLevel()).isEqualTo(Level.INFO);
        assertThat(console().isStarted()).isTrue();
        assertThat(console().getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
        assertThat(context.getLogger("org.eclipse.jetty.server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("okhttp3").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.pushstatus.app").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    /**
     * The text line, checked as written rather than against the pattern constant: local time to the
     * millisecond first (scripts/bench reads start-up milestones from it), level, thread, the
     * logger shortened, the message.
     */
    @Test
    void aTextLineIsTimeLevelThreadLoggerAndMessage() {
        configure(Map.of());
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.pushstatus.app.Application"), Level.WARN,
                "replied in {} ms", null, new Object[] {7});
        event.setThreadName("worker-3");
        Instant at = Instant.parse("2024-05-01T08:09:10.123Z");
        event.setTimeStamp(at.toEpochMilli());

        String line = new String(console().getEncoder().encode(event), StandardCharsets.UTF_8);

        String localTime = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").format(at.atZone(ZoneId.systemDefault()));
        assertThat(line).isEqualTo(localTime + " WARN  [worker-3] d.p.app.Application - replied in 7 ms"
                + System.lineSeparator());
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerLineWithTheMdc() throws Exception {
        configure(Map.of("LOG_FORMAT", "json"));
        assertThat(console().getEncoder()).isInstanceOf(JsonEncoder.class);

        LoggingEvent event = new LoggingEvent("x", root(), Level.INFO, "replied in {} ms", null, new Object[] {7});
        event.setMDCPropertyMap(Map.of("message_id", "om_1"));
        String line = new String(console().getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n").doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("formattedMessage").asText()).isEqualTo("replied in 7 ms");
        assertThat(json.path("mdc").path("message_id").asText()).isEqualTo("om_1");
    }

    @ParameterizedTest
    @CsvSource({"debug,DEBUG", "WARN,WARN", " error ,ERROR", "off,OFF", "TRACE,TRACE"})
    void levelComesFromLogLevelInAnyCase(String value, String expected) {
        configure(Map.of("LOG_LEVEL", value));
        assertThat(root().getLevel()).isEqualTo(Level.toLevel(expected));
    }

    @Test
    void anOperatorsOwnFileWins() {
        assertThat(configure(Map.of("logback.configurationFile", "/etc/bot/logback.xml")))
                .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(root().iteratorForAppenders().hasNext()).isFalse();
    }
}
