package dev.pushstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pushstatus.app.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The manifests say what the code does: ports, paths and variable names cannot drift apart. */
class ManifestTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path MANIFEST = Path.of("manifest");

    static JsonNode read(String file) throws IOException {
        return YAML.readTree(MANIFEST.resolve(file).toFile());
    }

    /** Every environment variable the code reads, found in the sources rather than listed by hand. */
    static Set<String> variablesReadByCode() throws IOException {
        String config = Files.readString(Path.of("src/main/java/dev/pushstatus/app/Config.java"));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\"((?:FEISHU|BOT|LOG)_[A-Z_]+|PORT)\"").matcher(config);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void theDeploymentProbesAndPortMatchTheBot() throws Exception {
        JsonNode container = read("kubernetes/deployment.yaml").at("/spec/template/spec/containers/0");
        assertThat(read("kubernetes/deployment.yaml").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        int port = container.at("/ports/0/containerPort").asInt();
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertThat(env).containsEntry("PORT", String.valueOf(port));
        assertThat(variablesReadByCode()).containsAll(env.keySet());
        assertThat(Config.fromEnv(env).port()).isEqualTo(port);
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(read("kubernetes/deployment.yaml").at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean())
                .isTrue();
    }

    @Test
    void theLongConnectionDeploymentRunsInWebsocketModeWithTheSameProbesAndNoVerificationToken() throws Exception {
        JsonNode deployment = read("kubernetes/deployment-websocket.yaml");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertThat(env).containsEntry("FEISHU_EVENT_MODE", "websocket");
        assertThat(variablesReadByCode()).containsAll(env.keySet());
        env.putAll(Map.of("FEISHU_APP_ID", "cli_x", "FEISHU_APP_SECRET", "s", "FEISHU_HELPDESK_ID", "h",
                "FEISHU_HELPDESK_TOKEN", "t"));
        assertThat(Config.fromEnv(env).eventMode()).isEqualTo(dev.pushstatus.app.EventMode.WEBSOCKET);
        assertThat(deployment.at("/metadata/name").asText()).isNotEqualTo(
                read("kubernetes/deployment.yaml").at("/metadata/name").asText());

        java.util.List<String> appEnv = new java.util.ArrayList<>();
        read("feishu/app.yaml").at("/long_connection/environment").forEach(n -> appEnv.add(n.asText().split("=")[0]));
        assertThat(appEnv).contains("FEISHU_EVENT_MODE").doesNotContain("FEISHU_VERIFICATION_TOKEN", "FEISHU_ENCRYPT_KEY");
        assertThat(variablesReadByCode()).containsAll(appEnv);
    }

    @Test
    void theSecretTemplateHoldsExactlyTheSixCredentials() throws Exception {
        Set<String> keys = new TreeSet<>();
        read("kubernetes/secret.template.yaml").path("stringData").fieldNames().forEachRemaining(keys::add);
        Set<String> credentials = new TreeSet<>(List.of("FEISHU_APP_ID", "FEISHU_APP_SECRET", "FEISHU_VERIFICATION_TOKEN",
                "FEISHU_ENCRYPT_KEY", "FEISHU_HELPDESK_ID", "FEISHU_HELPDESK_TOKEN"));
        assertThat(keys).isEqualTo(credentials);
        assertThat(variablesReadByCode()).containsAll(credentials);
        Set<String> appEnv = new TreeSet<>();
        read("feishu/app.yaml").path("environment").forEach(n -> appEnv.add(n.asText()));
        assertThat(appEnv).isEqualTo(credentials);
    }

    @Test
    void theServiceTargetsTheNamedContainerPort() throws Exception {
        String portName = read("kubernetes/deployment.yaml").at("/spec/template/spec/containers/0/ports/0/name").asText();
        // Two missing fields would read as two equal empty strings: the name must be there.
        assertThat(portName).as("the container port's name").isNotBlank();
        assertThat(read("kubernetes/service.yaml").at("/spec/ports/0/targetPort").asText()).isEqualTo(portName);
    }

    @Test
    void theAppManifestPointsAtTheBotsRoutesAndEvents() throws Exception {
        JsonNode app = read("feishu/app.yaml");
        assertThat(app.at("/events/request_url").asText()).endsWith("/webhook/event");
        assertThat(app.at("/legacy_card_request_url").asText()).endsWith("/webhook/card");
        assertThat(app.at("/events/subscribe/0/name").asText()).isEqualTo("im.message.receive_v1");
        assertThat(app.at("/platforms/feishu/base_url").asText()).isEqualTo(Config.DEFAULT_BASE_URL);
        List<String> scopes = new java.util.ArrayList<>();
        app.path("scopes").forEach(s -> scopes.add(s.path("name").asText()));
        assertThat(scopes).contains("helpdesk:all:readonly", "im:message:send_as_bot");
        String routes = Files.readString(Path.of("src/main/java/dev/pushstatus/web/WebServer.java"));
        assertThat(routes).contains("\"/webhook/event\"", "\"/webhook/card\"", "\"/healthz\"", "\"/readyz\"");
    }
}
