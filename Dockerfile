# syntax=docker/dockerfile:1
# The bot's image, the one manifest/kubernetes runs (README, "Container image"):
#   docker build -t registry.example.com/push-status-bot:0.1.0 .
# Stage 1 builds the jar with Maven on a JDK; stage 2 holds only a JRE, the jar and its
# class-data archive, and runs them as an unprivileged user. ManifestTest checks that the port,
# the user, the entrypoint and the probes here and in the Deployments agree.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies change far less often than the code: resolved in a layer of their own, a change to
# src/ rebuilds from the cache without downloading them again. The plugin's version is pinned, as
# the pom pins every other: `dependency:go-offline` alone gets Maven 3.9's default, a 2013 2.8.
COPY pom.xml ./
RUN mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.9.0:go-offline
COPY src/main ./src/main
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
# A fixed numeric uid and gid: Kubernetes can only verify runAsNonRoot against a numeric USER,
# and the Deployments' runAsUser / runAsGroup name the same numbers.
RUN groupadd --system --gid 10001 bot \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin bot
WORKDIR /app
COPY --from=build /build/target/push-status-bot.jar /app/push-status-bot.jar
# The class-data archive fits only this JRE and this jar at this path, so it is recorded here, in
# the runtime stage, by the script scripts/run uses (a sandbox run answering one message), with
# the entrypoint's JVM flags. MaxRAM stands for the pod's memory limit: 75 % of a build host with
# 43 GB or more would be a heap too large for compressed oops, and an archive recorded without
# them is silently ignored by a JVM that has them. The build fails if no archive comes out.
# The Deployments run with REDIS_URL: with a redis-server at hand the recording uses a throwaway
# one, and the Redis client's ~1,500 classes are archived too. Installed and purged in this one
# step, so the image keeps none of it.
RUN --mount=type=bind,source=scripts/record-cds,target=/tmp/record-cds \
    apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server \
 && bash /tmp/record-cds /app/push-status-bot.jar /app/push-status-bot.jsa \
      -XX:MaxRAMPercentage=75 -XX:MaxRAM=384m \
 && apt-get purge -y --auto-remove redis-server \
 && rm -rf /var/lib/apt/lists/* /tmp/hsperfdata_root
ENV PORT=8080
EXPOSE 8080
USER 10001:10001
# For docker run and compose; Kubernetes ignores it and uses the Deployment's probes.
HEALTHCHECK --interval=10s --timeout=2s --start-period=10s \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/healthz" || exit 1
# Exec form: java is PID 1 and gets SIGTERM itself (the bot's clean stop). More JVM flags:
# JAVA_TOOL_OPTIONS. Arguments after the image name go to the bot (e.g. doctor).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/push-status-bot.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", "/app/push-status-bot.jar"]
