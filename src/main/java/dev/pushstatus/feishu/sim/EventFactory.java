package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the JSON of events as Feishu sends them (docs/feishu.md, "Webhook requests", "im.message.receive_v1" and "Card callbacks"). */
public final class EventFactory {

    private final SimCredentials credentials;
    private final ObjectMapper mapper;
    private final Clock clock;

    public EventFactory(SimCredentials credentials, ObjectMapper mapper, Clock clock) {
        this.credentials = credentials;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A fresh message id, shaped like Feishu's. */
    public static String newMessageId() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return "om_" + HexFormat.of().formatHex(b);
    }

    /** How a test message is written and by whom. */
    public record Message(String messageId, String chatType, String chatId, String senderOpenId, String senderType,
                          String senderTenant, String messageType, String text, boolean mentionBot) {

        /** A direct message from an ordinary user of the app's tenant. */
        public static Message p2p(String text) {
            return new Message(newMessageId(), "p2p", "oc_p2p_sandbox", "ou_sandbox_user", "user", null, "text", text, false);
        }

        /** A group message that mentions the bot. */
        public static Message groupMention(String text) {
            return new Message(newMessageId(), "group", "oc_group_sandbox", "ou_sandbox_user", "user", null, "text", text, true);
        }

        public Message withMessageId(String id) {
            return new Message(id, chatType, chatId, senderOpenId, senderType, senderTenant, messageType, text, mentionBot);
        }

        public Message withMention(boolean mention) {
            return new Message(messageId, chatType, chatId, senderOpenId, senderType, senderTenant, messageType, text, mention);
        }

        public Message withSender(String openId, String type, String tenant) {
            return new Message(messageId, chatType, chatId, openId, type, tenant, messageType, text, mentionBot);
        }

        public Message asPost() {
            return new Message(messageId, chatType, chatId, senderOpenId, senderType, senderTenant, "post", text, mentionBot);
        }
    }

    /** A click on a card button, and who clicked where. */
    public record Click(String cardMessageId, String chatId, String operatorOpenId, String operatorTenant,
                        Map<String, String> value) {

        public Click {
            value = Map.copyOf(value);
        }

        /** A click by the sandbox user on a button of the given card message. */
        public static Click on(String cardMessageId, Map<String, String> value) {
            return new Click(cardMessageId, "oc_group_sandbox", "ou_sandbox_user", null, value);
        }

        public Click withOperator(String openId, String tenant) {
            return new Click(cardMessageId, chatId, openId, tenant, value);
        }

        public Click inChat(String chat) {
            return new Click(cardMessageId, chat, operatorOpenId, operatorTenant, value);
        }
    }

    /** A {@code card.action.trigger} event (the new card callback, on the event request URL). */
    public String cardAction(Click c) {
        ObjectNode root = mapper.createObjectNode().put("schema", "2.0");
        root.putObject("header")
                .put("event_id", UUID.randomUUID().toString().replace("-", ""))
                .put("event_type", "card.action.trigger")
                .put("create_time", String.valueOf(clock.millis()))
                .put("token", credentials.verificationToken())
                .put("app_id", credentials.appId())
                .put("tenant_key", credentials.tenantKey());
        ObjectNode event = root.putObject("event");
        event.putObject("operator").put("tenant_key", tenantOf(c)).put("open_id", c.operatorOpenId())
                .put("user_id", "u1").put("union_id", "on_sandbox");
        event.put("token", "c-" + UUID.randomUUID());
        ObjectNode action = event.putObject("action").put("tag", "button");
        c.value().forEach(action.putObject("value")::put);
        event.put("host", "im_message");
        event.putObject("context").put("open_message_id", c.cardMessageId()).put("open_chat_id", c.chatId());
        return write(root);
    }

    /** The legacy card callback (on the card request URL): the same click, flat. */
    public String legacyCardAction(Click c) {
        ObjectNode root = mapper.createObjectNode()
                .put("open_id", c.operatorOpenId()).put("user_id", "u1")
                .put("open_message_id", c.cardMessageId()).put("open_chat_id", c.chatId())
                .put("tenant_key", tenantOf(c)).put("token", "c-" + UUID.randomUUID());
        ObjectNode action = root.putObject("action").put("tag", "button");
        c.value().forEach(action.putObject("value")::put);
        return write(root);
    }

    private String tenantOf(Click c) {
        return c.operatorTenant() == null ? credentials.tenantKey() : c.operatorTenant();
    }

    /** An {@code im.message.receive_v1} event. */
    public String message(Message m) {
        ObjectNode root = mapper.createObjectNode().put("schema", "2.0");
        String now = String.valueOf(clock.millis());
        root.putObject("header")
                .put("event_id", UUID.randomUUID().toString().replace("-", ""))
                .put("event_type", "im.message.receive_v1")
                .put("create_time", now)
                .put("token", credentials.verificationToken())
                .put("app_id", credentials.appId())
                .put("tenant_key", credentials.tenantKey());
        ObjectNode event = root.putObject("event");
        ObjectNode sender = event.putObject("sender");
        sender.putObject("sender_id").put("open_id", m.senderOpenId()).put("union_id", "on_sandbox").put("user_id", "u1");
        sender.put("sender_type", m.senderType())
                .put("tenant_key", m.senderTenant() == null ? credentials.tenantKey() : m.senderTenant());
        ObjectNode message = event.putObject("message")
                .put("message_id", m.messageId()).put("root_id", "").put("parent_id", "")
                .put("create_time", now).put("update_time", now)
                .put("chat_id", m.chatId()).put("thread_id", "").put("chat_type", m.chatType())
                .put("message_type", m.messageType())
                .put("content", content(m));
        ArrayNode mentions = message.putArray("mentions");
        if (m.mentionBot()) {
            ObjectNode mention = mentions.addObject().put("key", "@_user_1");
            mention.putObject("id").put("open_id", credentials.botOpenId()).put("union_id", "on_bot").put("user_id", "");
            mention.put("name", credentials.botName()).put("tenant_key", credentials.tenantKey());
        }
        return write(root);
    }

    /** The request-URL handshake. */
    public String urlVerification(String challenge) {
        return write(mapper.createObjectNode().put("challenge", challenge).put("token", credentials.verificationToken())
                .put("type", "url_verification"));
    }

    private String content(Message m) {
        String prefix = m.mentionBot() ? "@_user_1 " : "";
        if ("post".equals(m.messageType())) {
            ObjectNode post = mapper.createObjectNode().put("title", "");
            ArrayNode line = post.putArray("content").addArray();
            if (m.mentionBot()) {
                line.addObject().put("tag", "at").put("user_id", "@_user_1").put("user_name", credentials.botName());
            }
            line.addObject().put("tag", "text").put("text", " " + m.text());
            return write(post);
        }
        return write(mapper.createObjectNode().put("text", prefix + m.text()));
    }

    private String write(Object node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JacksonException e) {
            throw new IllegalStateException("event trees always serialise", e);
        }
    }
}
