package dev.pushstatus.feishu.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.feishu.FeishuJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Benchmarks only: a simulator fixture (the {@code data} object of a helpdesk GET answer) mapped
 * to the domain record exactly as {@link FeishuClient} maps a live answer. Lives in this package
 * because the mapper and the DTO are package-private.
 */
public final class BenchNotifications {

    private BenchNotifications() {
    }

    /** The notification in {@code /sim/notifications/<name>} on the classpath. */
    public static Notification fromFixture(String name) {
        ObjectMapper mapper = FeishuJson.newMapper();
        try (InputStream in = BenchNotifications.class.getResourceAsStream("/sim/notifications/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            HelpdeskNotificationDto data = mapper.treeToValue(mapper.readTree(json), HelpdeskNotificationDto.class);
            return NotificationMapper.toDomain(data.notification().id(), data);
        } catch (JacksonException e) {
            throw new IllegalStateException("fixture " + name + " does not map", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw JSON text of a fixture. */
    public static String fixtureJson(String name) {
        try (InputStream in = BenchNotifications.class.getResourceAsStream("/sim/notifications/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
