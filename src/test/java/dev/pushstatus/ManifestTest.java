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
import java.util.TreeMap;
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

    static final List<String> DEPLOYMENTS = List.of("kubernetes/deployment.yaml", "kubernetes/deployment-websocket.yaml");

    static JsonNode container(String deployment) throws IOException {
        return read(deployment).at("/spec/template/spec/containers/0");
    }

    /** The variables a container sets to a literal value (not those taken from a Secret). */
    static Map<String, String> plainEnv(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        });
        return env;
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** The runtime image: the Dockerfile's last stage. */
    static Dockerfile image() throws IOException {
        return Dockerfile.read(Path.of("Dockerfile")).finalStage();
    }

    /** The image's ENV settings, in both the KEY=value and the legacy KEY value form. */
    static Map<String, String> imageEnv(Dockerfile image) {
        Map<String, String> env = new HashMap<>();
        for (Dockerfile.Instruction i : image.all("ENV")) {
            List<String> words = i.words();
            if (!words.get(0).contains("=")) {
                env.put(words.get(0), String.join(" ", words.subList(1, words.size())));
                continue;
            }
            for (String w : words) {
                int eq = w.indexOf('=');
                env.put(w.substring(0, eq), w.substring(eq + 1).replace("\"", ""));
            }
        }
        return env;
    }

    /** Every environment variable the code reads, found in the sources rather than listed by hand. */
    static Set<String> variablesReadByCode() throws IOException {
        String config = Files.readString(Path.of("src/main/java/dev/pushstatus/app/Config.java"));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\"((?:FEISHU|BOT|LOG)_[A-Z_]+|PORT|REDIS_URL)\"").matcher(config);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void theDeploymentProbesAndPortMatchTheBot() throws Exception {
        JsonNode container = container("kubernetes/deployment.yaml");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        int port = container.at("/ports/0/containerPort").asInt();
        Map<String, String> env = plainEnv(container);
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
        Map<String, String> env = plainEnv(container);
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
    void theSecretTemplateHoldsTheSixCredentialsAndTheRedisUrl() throws Exception {
        Set<String> keys = new TreeSet<>();
        read("kubernetes/secret.template.yaml").path("stringData").fieldNames().forEachRemaining(keys::add);
        Set<String> credentials = new TreeSet<>(List.of("FEISHU_APP_ID", "FEISHU_APP_SECRET", "FEISHU_VERIFICATION_TOKEN",
                "FEISHU_ENCRYPT_KEY", "FEISHU_HELPDESK_ID", "FEISHU_HELPDESK_TOKEN"));
        Set<String> expected = new TreeSet<>(credentials);
        expected.add("REDIS_URL"); // may carry a password, hence a Secret; not a Feishu credential, so not in app.yaml
        assertThat(keys).as("the keys of secret.template.yaml").isEqualTo(expected);
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

    // The image and the Deployments: the Dockerfile builds what manifest/kubernetes runs.

    @Test
    void theImageRunsOnTheJavaThePomCompilesFor() throws Exception {
        String release = SourceLiterals.in("pom.xml", "<maven.compiler.release>(\\d+)<").iterator().next();
        List<Dockerfile.Instruction> from = Dockerfile.read(Path.of("Dockerfile")).all("FROM");
        assertThat(from).as("the Dockerfile's stages: the Maven build, then the runtime").hasSize(2);
        assertThat(from.get(0).arguments()).as("the build stage: Maven on a Temurin JDK " + release)
                .matches("maven:3\\.\\d+-eclipse-temurin-" + release + "\\b.*");
        assertThat(from.get(1).arguments()).as("the runtime stage: a Temurin JRE " + release + " (no JDK, no Maven)")
                .startsWith("eclipse-temurin:" + release + "-jre");
        assertThat(Dockerfile.read(Path.of("Dockerfile")).all("RUN")).as("the build stage packages the jar, tests skipped")
                .anySatisfy(run -> assertThat(run.arguments()).contains("mvn -B -DskipTests package"));
    }

    @Test
    void theImageListensOnThePortTheDeploymentsDeclareAndProbe() throws Exception {
        Dockerfile image = image();
        String expose = image.last("EXPOSE").orElseThrow(() -> new AssertionError("the Dockerfile's last stage has no EXPOSE"))
                .words().get(0).replace("/tcp", "");
        assertThat(imageEnv(image).get("PORT")).as("the Dockerfile's ENV PORT (where the bot listens) against its EXPOSE")
                .isEqualTo(expose);
        assertThat(Config.fromEnv(Map.of("PORT", expose)).port()).isEqualTo(Integer.parseInt(expose));
        for (String file : DEPLOYMENTS) {
            JsonNode container = container(file);
            int containerPort = container.at("/ports/0/containerPort").asInt();
            assertThat(containerPort).as(file + ": containerPort against the Dockerfile's EXPOSE " + expose)
                    .isEqualTo(Integer.parseInt(expose));
            assertThat(plainEnv(container)).as(file + ": the PORT it gives the bot against the Dockerfile's EXPOSE " + expose)
                    .containsEntry("PORT", expose);
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(file + ": readiness probe path").isEqualTo("/readyz");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(file + ": liveness probe path").isEqualTo("/healthz");
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                JsonNode port = container.at("/" + probe + "/httpGet/port");
                int probed = port.isInt() ? port.asInt() : portNamed(container, port.asText(), file);
                assertThat(probed).as(file + ": the " + probe + "'s port against the containerPort").isEqualTo(containerPort);
            }
        }
        image.last("HEALTHCHECK").ifPresent(check -> assertThat(check.arguments())
                .as("the Dockerfile's HEALTHCHECK asks the liveness route on the bot's port").contains("/healthz", "${PORT}"));
    }

    static int portNamed(JsonNode container, String name, String file) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError(file + ": a probe names the port '" + name + "', which the container does not declare");
    }

    @Test
    void theImageRunsAsTheNonRootUserTheDeploymentsRequire() throws Exception {
        Dockerfile image = image();
        String user = image.last("USER").orElseThrow(() -> new AssertionError("the Dockerfile's last stage has no USER: it would run as root"))
                .arguments();
        assertThat(user).as("the Dockerfile's USER must be numeric uid:gid (Kubernetes verifies runAsNonRoot only against a number)")
                .matches("\\d+:\\d+");
        String uid = user.split(":")[0];
        String gid = user.split(":")[1];
        assertThat(Integer.parseInt(uid)).as("the Dockerfile's USER uid (0 is root)").isNotZero();
        assertThat(image.all("RUN")).as("the Dockerfile creates the user it switches to (useradd --uid " + uid + " --gid " + gid + ")")
                .anySatisfy(run -> assertThat(run.arguments()).contains("useradd", "--uid " + uid, "--gid " + gid));
        for (String file : DEPLOYMENTS) {
            JsonNode pod = read(file).at("/spec/template/spec/securityContext");
            assertThat(pod.path("runAsNonRoot").asBoolean()).as(file + ": securityContext.runAsNonRoot").isTrue();
            assertThat(pod.path("runAsUser").asText()).as(file + ": securityContext.runAsUser against the Dockerfile's USER " + user)
                    .isEqualTo(uid);
            assertThat(pod.path("runAsGroup").asText()).as(file + ": securityContext.runAsGroup against the Dockerfile's USER " + user)
                    .isEqualTo(gid);
            assertThat(container(file).at("/securityContext/readOnlyRootFilesystem").asBoolean())
                    .as(file + ": readOnlyRootFilesystem (the JVM writes only to /tmp, an emptyDir)").isTrue();
        }
    }

    @Test
    void theEntrypointStartsTheBuiltJarWithTheArchiveRecordedAtBuildTime() throws Exception {
        Dockerfile image = image();
        List<String> entrypoint = image.last("ENTRYPOINT").orElseThrow(() -> new AssertionError("the Dockerfile has no ENTRYPOINT"))
                .execForm();
        assertThat(entrypoint).as("ENTRYPOINT starts java itself (exec form: java is PID 1 and gets SIGTERM)").first().isEqualTo("java");
        int jarAt = entrypoint.indexOf("-jar");
        assertThat(jarAt).as("ENTRYPOINT runs -jar <path>: " + entrypoint).isPositive().isLessThan(entrypoint.size() - 1);
        String jar = entrypoint.get(jarAt + 1);
        List<String> jvmFlags = entrypoint.subList(1, jarAt);
        String archive = jvmFlags.stream().filter(f -> f.startsWith("-XX:SharedArchiveFile="))
                .map(f -> f.substring("-XX:SharedArchiveFile=".length())).findFirst()
                .orElseThrow(() -> new AssertionError("ENTRYPOINT has no -XX:SharedArchiveFile: the pod would start slower than scripts/run: "
                        + entrypoint));

        assertThat(image.all("COPY")).as("a COPY in the last stage puts the jar Maven builds at the ENTRYPOINT's " + jar)
                .anySatisfy(copy -> {
                    assertThat(copy.words()).hasSize(3).startsWith("--from=build").endsWith(jar);
                    assertThat(copy.words().get(1)).endsWith("/target/push-status-bot.jar");
                });

        assertThat(image.all("RUN")).as("the archive is recorded by the repository's scripts/record-cds, the step scripts/run uses")
                .anySatisfy(run -> assertThat(run.arguments()).contains("source=scripts/record-cds,target=/tmp/record-cds"));
        assertThat(Path.of("scripts/record-cds")).isExecutable();
        List<String> arguments = image.recordCdsArguments();
        assertThat(arguments).as("scripts/record-cds JAR ARCHIVE: the ENTRYPOINT's jar and archive").startsWith(jar, archive);
        List<String> recordedWith = arguments.subList(2, arguments.size());
        List<String> runFlags = jvmFlags.stream().filter(f -> !f.startsWith("-XX:SharedArchiveFile=") && !f.startsWith("-Xlog:")).toList();
        assertThat(recordedWith).as("the archive is recorded with the ENTRYPOINT's JVM flags " + runFlags).containsAll(runFlags);

        for (String file : DEPLOYMENTS) {
            String limit = container(file).at("/resources/limits/memory").asText();
            assertThat(limit).as(file + ": memory limit in Mi or Gi").matches("\\d+[MG]i");
            String maxRam = "-XX:MaxRAM=" + limit.replace("Mi", "m").replace("Gi", "g");
            assertThat(recordedWith).as("the archive is recorded with " + maxRam + ", the memory limit of " + file
                    + " (a bigger build host would record without compressed oops, an archive the pod ignores)").contains(maxRam);
        }
    }

    @Test
    void theDeploymentsLeaveTheCommandToTheImage() throws Exception {
        for (String file : DEPLOYMENTS) {
            JsonNode container = container(file);
            assertThat(container.has("command")).as(file + ": a command would replace the image's ENTRYPOINT (JVM flags, class-data archive)")
                    .isFalse();
            assertThat(container.has("args")).as(file + ": args are appended to the image's ENTRYPOINT, so the bot would take them as its own")
                    .isFalse();
            assertThat(container.path("image").asText()).as(file + ": the image the Dockerfile builds").contains("/push-status-bot:");
        }
    }

    @Test
    void everyDeploymentRunsTwoReplicasSpreadOverNodesAndCoveredByTheDisruptionBudget() throws Exception {
        JsonNode pdb = read("kubernetes/pdb.yaml");
        assertThat(pdb.path("kind").asText()).as("pdb.yaml's kind").isEqualTo("PodDisruptionBudget");
        Map<String, String> pdbSelects = labels(pdb.at("/spec/selector/matchLabels"));
        assertThat(pdbSelects).as("the PodDisruptionBudget's selector").isNotEmpty();
        for (String file : DEPLOYMENTS) {
            JsonNode deployment = read(file);
            int replicas = deployment.at("/spec/replicas").asInt();
            assertThat(replicas).as(file + ": replicas (one bot on shared state survives a restart or a lost node with two)")
                    .isGreaterThanOrEqualTo(2);
            assertThat(deployment.at("/spec/strategy/type").asText()).as(file + ": update strategy").isEqualTo("RollingUpdate");
            assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asText())
                    .as(file + ": maxUnavailable (a new pod is ready before an old one goes)").isEqualTo("0");
            Map<String, String> podLabels = labels(deployment.at("/spec/template/metadata/labels"));
            assertThat(podLabels).as("the PodDisruptionBudget's selector " + pdbSelects + " must select the pods of " + file)
                    .containsAllEntriesOf(pdbSelects);
            assertThat(pdb.at("/spec/minAvailable").asInt()).as("the PodDisruptionBudget's minAvailable: at least one up, and below "
                    + file + "'s replicas so that a node drain can still evict one").isBetween(1, replicas - 1);
            JsonNode terms = deployment.at("/spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution");
            assertThat(terms).as(file + ": a preferred pod anti-affinity by hostname on the app's labels, so one node lost is not both")
                    .anySatisfy(term -> {
                        assertThat(term.at("/podAffinityTerm/topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
                        assertThat(podLabels).containsAllEntriesOf(labels(term.at("/podAffinityTerm/labelSelector/matchLabels")));
                        assertThat(labels(term.at("/podAffinityTerm/labelSelector/matchLabels"))).isNotEmpty();
                    });
        }
    }

    @Test
    void redisUrlComesFromTheSecretTheTemplateDefines() throws Exception {
        JsonNode secret = read("kubernetes/secret.template.yaml");
        String name = secret.at("/metadata/name").asText();
        assertThat(secret.path("stringData").has("REDIS_URL")).as("secret.template.yaml has a REDIS_URL entry").isTrue();
        assertThat(variablesReadByCode()).as("the variables Config reads").contains("REDIS_URL");
        String example = secret.at("/stringData/REDIS_URL").asText();
        assertThat(Config.fromEnv(Map.of("REDIS_URL", example)).redisUrl())
                .as("secret.template.yaml's REDIS_URL example, as Config parses it").hasToString(example);
        for (String file : DEPLOYMENTS) {
            JsonNode container = container(file);
            JsonNode redis = null;
            for (JsonNode e : container.path("env")) {
                if (e.path("name").asText().equals("REDIS_URL")) {
                    redis = e;
                }
            }
            assertThat(redis).as(file + ": sets REDIS_URL").isNotNull();
            assertThat(redis.has("value")).as(file + ": REDIS_URL as a literal value (it may hold a password: it belongs in the Secret)")
                    .isFalse();
            assertThat(redis.at("/valueFrom/secretKeyRef/name").asText()).as(file + ": REDIS_URL from the Secret " + name).isEqualTo(name);
            assertThat(redis.at("/valueFrom/secretKeyRef/key").asText()).as(file + ": REDIS_URL's key in the Secret").isEqualTo("REDIS_URL");
            assertThat(redis.at("/valueFrom/secretKeyRef/optional").asBoolean(false))
                    .as(file + ": REDIS_URL required: a Secret without it must stop the pod, not start replicas that each think they are alone")
                    .isFalse();
            assertThat(container.at("/envFrom/0/secretRef/name").asText()).as(file + ": the credentials come from the Secret " + name)
                    .isEqualTo(name);
        }
    }

    @Test
    void theDockerignoreLetsInWhatTheDockerfileCopiesAndNothingElse() throws Exception {
        List<String> rules = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(rules).as(".dockerignore starts by leaving everything out (*): target/ and .git never reach the build")
                .first().isEqualTo("*");
        List<String> letIn = rules.stream().filter(r -> r.startsWith("!")).map(r -> r.substring(1).replaceAll("/+$", "")).toList();
        assertThat(letIn).as(".dockerignore lets in no build output or history").noneMatch(r -> r.startsWith("target") || r.startsWith(".git"));
        List<String> sources = new java.util.ArrayList<>();
        Dockerfile dockerfile = Dockerfile.read(Path.of("Dockerfile"));
        for (Dockerfile.Instruction copy : dockerfile.all("COPY")) {
            List<String> words = copy.words();
            if (words.stream().noneMatch(w -> w.startsWith("--from="))) {
                words.subList(0, words.size() - 1).stream().filter(w -> !w.startsWith("--")).forEach(sources::add);
            }
        }
        Matcher bind = Pattern.compile("--mount=type=bind,source=([^,\\s]+)").matcher(
                String.join("\n", dockerfile.all("RUN").stream().map(Dockerfile.Instruction::arguments).toList()));
        while (bind.find()) {
            sources.add(bind.group(1));
        }
        assertThat(sources).as("what the Dockerfile takes from the build context").isNotEmpty();
        for (String source : sources) {
            String path = source.replaceAll("/+$", "");
            assertThat(Path.of(path)).as("the Dockerfile copies " + path).exists();
            assertThat(letIn).as(".dockerignore must let in " + path + ", which the Dockerfile copies")
                    .anyMatch(r -> path.equals(r) || path.startsWith(r + "/"));
        }
    }
}
