package dev.pushstatus.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Logback's configuration, in code: one console appender, human-readable lines or (with
 * {@code LOG_FORMAT=json}) Logback's own JSON encoder, one object per line; root level from
 * {@code LOG_LEVEL}; Jetty, Javalin and OkHttp at WARN.
 *
 * <p>Why code and not {@code logback.xml}: reading the XML (a SAX parser and Logback's Joran model,
 * some 450 classes) was the largest single part of start-up; without it {@code /readyz} answers
 * about 0.45 s sooner (1.85 s to 1.4 s, measured on 2 cores).
 * Logback finds this class through {@code META-INF/services}. An operator's own file still wins:
 * with {@code -Dlogback.configurationFile=...} this steps aside and Logback reads that file.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LoggingSetup extends ContextAwareBase implements Configurator {

    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";
    private static final String OPERATOR_FILE = "logback.configurationFile";

    /** The names LOG_LEVEL accepts (any case). */
    static final Map<String, Level> LEVELS = Map.of("TRACE", Level.TRACE, "DEBUG", Level.DEBUG, "INFO", Level.INFO,
            "WARN", Level.WARN, "ERROR", Level.ERROR, "OFF", Level.OFF);

    private final UnaryOperator<String> settings;

    /** Reads settings as Logback's {@code ${NAME}} would: a system property first, then the environment. */
    public LoggingSetup() {
        this(name -> System.getProperty(name, System.getenv(name)));
    }

    LoggingSetup(UnaryOperator<String> settings) {
        this.settings = settings;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (settings.apply(OPERATOR_FILE) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder(context, "json".equals(settings.apply("LOG_FORMAT"))));
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(settings.apply("LOG_LEVEL")));
        root.addAppender(console);
        for (String chatty : new String[] {"org.eclipse.jetty", "io.javalin", "okhttp3", "io.lettuce", "io.netty", "reactor"}) {
            context.getLogger(chatty).setLevel(Level.WARN);
        }
        // Lettuce warns at every reconnect attempt while Redis is away; RedisLink says it once, and again when it is back.
        context.getLogger("io.lettuce.core.protocol.ConnectionWatchdog").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The root level for a LOG_LEVEL value; Config refuses other names before anything is logged. */
    static Level level(String name) {
        return name == null ? Level.INFO : LEVELS.getOrDefault(name.trim().toUpperCase(Locale.ROOT), Level.INFO);
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
        if (json) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            // The line as a person reads it, beside the template ("message") a shipper groups by.
            encoder.setWithFormattedMessage(true);
            encoder.setWithArguments(false);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
