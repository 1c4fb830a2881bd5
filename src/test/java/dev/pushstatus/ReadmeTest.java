package dev.pushstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's commands, configuration table and endpoints match the code. */
class ReadmeTest {

    static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    static Set<String> literals(String file, String regex) throws IOException {
        return dev.pushstatus.SourceLiterals.in(file, regex);
    }

    @Test
    void startsWithTheTwoCommands() throws Exception {
        String top = String.join("\n", readme().lines().limit(10).toList());
        assertThat(top).contains("scripts/run", "scripts/test");
    }

    @Test
    void theConfigurationTableListsEveryVariableTheCodeReads() throws Exception {
        String readme = readme();
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Endpoints"));
        Set<String> variables = literals("src/main/java/dev/pushstatus/app/Config.java", "\"((?:FEISHU|BOT|LOG)_[A-Z_]+|PORT|REDIS_URL)\"");
        variables.addAll(literals("src/main/java/dev/pushstatus/app/LoggingSetup.java", "\"(LOG_[A-Z_]+)\""));
        assertThat(variables).contains("FEISHU_APP_ID", "BOT_CACHE_TTL", "LOG_FORMAT", "LOG_LEVEL", "PORT", "REDIS_URL");
        assertThat(variables).allSatisfy(name -> assertThat(table).contains("`" + name + "`"));
    }

    @Test
    void everyEndpointIsDocumented() throws Exception {
        Set<String> routes = literals("src/main/java/dev/pushstatus/web/WebServer.java", "\"(/(?:webhook/\\w+|healthz|readyz|metrics))\"");
        assertThat(routes).hasSize(5);
        String readme = readme();
        assertThat(routes).allSatisfy(route -> assertThat(readme).contains(route + "`"));
    }
}
