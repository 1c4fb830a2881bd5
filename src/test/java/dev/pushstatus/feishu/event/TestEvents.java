package dev.pushstatus.feishu.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.feishu.FeishuJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds and seals webhook bodies the way Feishu does, written independently of the production
 * code (javax.crypto and MessageDigest directly) so the tests check it rather than mirror it.
 */
final class TestEvents {

    static final String TOKEN = "vt-Verification-Token-1";
    static final String ENCRYPT_KEY = "ek-Encrypt-Key-2";
    static final String APP_TENANT = "tenant-app";
    static final String BOT_OPEN_ID = "ou_bot";
    static final String TIMESTAMP = "1677254849";
    static final String NONCE = "533226633";
    /** The decoders' clock: the moment of {@link #TIMESTAMP}, so signed test requests are fresh. */
    static final java.time.Clock AT_TIMESTAMP = java.time.Clock.fixed(
            java.time.Instant.ofEpochSecond(Long.parseLong(TIMESTAMP)), java.time.ZoneOffset.UTC);
    static final ObjectMapper JSON = FeishuJson.newMapper();

    private TestEvents() {
    }

    static EventDecoder plainDecoder() {
        return new EventDecoder(new WebhookSecrets(TOKEN, null), FeishuJson.newMapper(), AT_TIMESTAMP);
    }

    static EventDecoder encryptedDecoder() {
        return new EventDecoder(new WebhookSecrets(TOKEN, ENCRYPT_KEY), FeishuJson.newMapper(), AT_TIMESTAMP);
    }

    // ---- bodies -------------------------------------------------------------------------

    static String urlVerification(String token) {
        ObjectNode body = JSON.createObjectNode().put("challenge", "ch-abc").put("type", "url_verification");
        if (token != null) {
            body.put("token", token);
        }
        return body.toString();
    }

    /** A v2 im.message.receive_v1 envelope, shaped like docs/feishu.md, "im.message.receive_v1"; mutate freely. */
    static ObjectNode messageEnvelope() {
        return parse("""
                {"schema":"2.0",
                 "header":{"event_id":"ev_1","event_type":"im.message.receive_v1","create_time":"1695194152438",
                           "token":"%s","app_id":"cli_a","tenant_key":"%s"},
                 "event":{"sender":{"sender_id":{"open_id":"ou_sender","union_id":"on_s","user_id":"u1"},
                                    "sender_type":"user","tenant_key":"%s"},
                          "message":{"message_id":"om_1","root_id":"","parent_id":"","create_time":"1695194152199",
                                     "update_time":"1695194152199","chat_id":"oc_chat","thread_id":"","chat_type":"group",
                                     "message_type":"text","content":"{\\"text\\":\\"@_user_1 /push-status 123\\"}",
                                     "mentions":[{"key":"@_user_1","id":{"open_id":"%s","union_id":"on_b","user_id":""},
                                                  "name":"PushBot","tenant_key":"%s"}],
                                     "user_agent":"Mozilla"}}}
                """.formatted(TOKEN, APP_TENANT, APP_TENANT, BOT_OPEN_ID, APP_TENANT));
    }

    /** A v2 card.action.trigger envelope (new-style card callback). */
    static ObjectNode cardActionEnvelope() {
        return parse("""
                {"schema":"2.0",
                 "header":{"event_id":"ev_2","event_type":"card.action.trigger","create_time":"1695194152438",
                           "token":"%s","app_id":"cli_a","tenant_key":"%s"},
                 "event":{"operator":{"tenant_key":"tenant-op","open_id":"ou_op","user_id":"u_op","union_id":"on_op"},
                          "token":"c-update-token",
                          "action":{"tag":"button","value":{"cmd":"refresh","id":"6981801914270744596","n":3}},
                          "host":"im_message",
                          "context":{"open_message_id":"om_card","open_chat_id":"oc_card"}}}
                """.formatted(TOKEN, APP_TENANT));
    }

    /** The flat legacy card callback body. */
    static String legacyCardClick() {
        return """
                {"open_id":"ou_op","user_id":"u_op","open_message_id":"om_card","open_chat_id":"oc_card",
                 "tenant_key":"tenant-op","token":"c-update-token",
                 "action":{"tag":"button","value":{"cmd":"refresh","id":"42"}}}
                """;
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The object at a JSON pointer of a tree built here, for in-place edits. */
    static ObjectNode at(JsonNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    /** The content string of a text message. */
    static String textContent(String text) {
        return JSON.createObjectNode().put("text", text).toString();
    }

    // ---- requests -----------------------------------------------------------------------

    static WebhookRequest unsigned(String body) {
        return unsigned(body.getBytes(StandardCharsets.UTF_8));
    }

    static WebhookRequest unsigned(byte[] body) {
        return new WebhookRequest(body, Map.of());
    }

    /** A request signed as Feishu signs events: SHA-256 over timestamp, nonce, Encrypt Key, body. */
    static WebhookRequest signed(String body, String encryptKey) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return withSignature(bytes, eventSignature(TIMESTAMP, NONCE, encryptKey, bytes));
    }

    static WebhookRequest withSignature(byte[] body, String signature) {
        return new WebhookRequest(body, Map.of(
                "X-Lark-Request-Timestamp", TIMESTAMP,
                "X-Lark-Request-Nonce", NONCE,
                "X-Lark-Signature", signature));
    }

    /** An encrypted body ({@code {"encrypt": ...}}) with a valid signature. */
    static WebhookRequest sealed(String plaintext) {
        return signed(encryptedBody(ENCRYPT_KEY, plaintext), ENCRYPT_KEY);
    }

    static String encryptedBody(String key, String plaintext) {
        return JSON.createObjectNode().put("encrypt", encrypt(key, plaintext)).toString();
    }

    // ---- crypto, independent of production code ------------------------------------------

    /** base64(iv16 || AES-256-CBC(SHA-256(key), iv, PKCS#7(plaintext))) with a fixed IV. */
    static String encrypt(String key, String plaintext) {
        byte[] iv = new byte[16];
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (byte) (0xA0 + i);
        }
        return encrypt(key, plaintext.getBytes(StandardCharsets.UTF_8), iv);
    }

    static String encrypt(String key, byte[] plaintext, byte[] iv) {
        try {
            byte[] aesKey = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
            byte[] cipherText = cipher.doFinal(plaintext);
            byte[] raw = new byte[iv.length + cipherText.length];
            System.arraycopy(iv, 0, raw, 0, iv.length);
            System.arraycopy(cipherText, 0, raw, iv.length, cipherText.length);
            return Base64.getEncoder().encodeToString(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String eventSignature(String timestamp, String nonce, String encryptKey, byte[] body) {
        return digestHex("SHA-256", (timestamp + nonce + encryptKey).getBytes(StandardCharsets.UTF_8), body);
    }

    static String legacySignature(String timestamp, String nonce, String verificationToken, byte[] body) {
        return digestHex("SHA-1", (timestamp + nonce + verificationToken).getBytes(StandardCharsets.UTF_8), body);
    }

    private static String digestHex(String algorithm, byte[] prefix, byte[] body) {
        try {
            byte[] all = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            System.arraycopy(body, 0, all, prefix.length, body.length);
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(all));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- result checks ------------------------------------------------------------------

    static <T extends InboundEvent> T accepted(DecodeResult result, Class<T> type) {
        assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
        InboundEvent event = ((DecodeResult.Accepted) result).event();
        assertThat(event).isInstanceOf(type);
        return type.cast(event);
    }

    static Rejection rejection(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected) result).rejection();
    }
}
