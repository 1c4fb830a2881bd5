package dev.pushstatus.feishu.event;

import static dev.pushstatus.feishu.event.TestEvents.ENCRYPT_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken bodies, generated from a fixed seed: the decoder must always answer with a
 * value (Accepted or Rejected), never throw.
 */
class EventDecoderFuzzTest {

    private static final long SEED = 20240917L;
    private static final int ITERATIONS = 2_000;
    private static final String[] KEYS = {"schema", "header", "event", "type", "token", "challenge", "encrypt",
        "event_type", "event_id", "tenant_key", "sender", "sender_id", "open_id", "sender_type", "message",
        "message_id", "chat_id", "chat_type", "message_type", "content", "mentions", "id", "key", "text",
        "operator", "action", "value", "context", "open_message_id", "tag", "zh_cn"};

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final EventDecoder plain = TestEvents.plainDecoder();
    private final EventDecoder encrypted = TestEvents.encryptedDecoder();
    private final java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();

    @Test
    void randomBytesTruncationsMutationsAndRandomJsonNeverThrow() {
        Random random = new Random(SEED);
        List<String> valid = List.of(TestEvents.messageEnvelope().toString(),
                TestEvents.cardActionEnvelope().toString(), TestEvents.urlVerification(TestEvents.TOKEN),
                TestEvents.legacyCardClick());
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] body = switch (i % 4) {
                case 0 -> randomBytes(random);
                case 1 -> truncated(random, valid.get(random.nextInt(valid.size())));
                case 2 -> mutated(random).toString().getBytes(StandardCharsets.UTF_8);
                default -> randomValue(random, 0).toString().getBytes(StandardCharsets.UTF_8);
            };
            String what = "iteration " + i;
            WebhookRequest request = switch (random.nextInt(3)) {
                case 0 -> TestEvents.unsigned(body);
                case 1 -> sealedEvent(body);
                default -> signedLegacyCard(body);
            };
            decodeBoth(what, request);
        }
        // The generator must get past the envelope checks too, or the deep paths go untested.
        assertThat(outcomes).as("outcomes").containsKeys("MessageReceived", "CardAction", "UrlVerification",
                "MALFORMED", "UNAUTHORIZED");
        assertThat(outcomes.get("MessageReceived") + outcomes.get("CardAction")).as("accepted events").isGreaterThan(100);
    }

    @Test
    void deeplyNestedBodiesNeverThrow() {
        int depth = 10_000;
        List<String> bodies = List.of(
                "[".repeat(depth) + "]".repeat(depth),
                "[".repeat(depth),
                "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
                "{\"event\":" + "[".repeat(depth) + "]".repeat(depth) + "}",
                "{\"schema\":\"2.0\",\"header\":{\"token\":\"" + TestEvents.TOKEN + "\"},\"event\":"
                        + "{\"x\":".repeat(depth) + "1" + "}".repeat(depth) + "}");
        for (String body : bodies) {
            decodeEverywhere("nested " + body.substring(0, 20), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void deeplyNestedMessageContentNeverThrows() {
        ObjectNode envelope = TestEvents.messageEnvelope();
        TestEvents.at(envelope, "/event/message").put("message_type", "post")
                .put("content", "{\"content\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");

        var received = TestEvents.accepted(plain.decodeEvent(TestEvents.unsigned(envelope.toString())),
                InboundEvent.MessageReceived.class);

        assertThat(received.message().text()).isNull();
    }

    /** Every way a body can arrive, each decoded by both decoders on both request URLs. */
    private void decodeEverywhere(String what, byte[] body) {
        decodeBoth(what, TestEvents.unsigned(body));
        decodeBoth(what, sealedEvent(body));
        decodeBoth(what, signedLegacyCard(body));
    }

    private void decodeBoth(String what, WebhookRequest request) {
        for (EventDecoder decoder : List.of(plain, encrypted)) {
            check(what, () -> decoder.decodeEvent(request));
            check(what, () -> decoder.decodeLegacyCard(request));
        }
    }

    /** The body encrypted and signed as Feishu sends events, so it reaches decryption and parsing. */
    private static WebhookRequest sealedEvent(byte[] body) {
        return TestEvents.sealed(new String(body, StandardCharsets.UTF_8));
    }

    /** The body signed as a legacy card callback. */
    private static WebhookRequest signedLegacyCard(byte[] body) {
        return TestEvents.withSignature(body, TestEvents.legacySignature(
                TestEvents.TIMESTAMP, TestEvents.NONCE, TestEvents.TOKEN, body));
    }

    private void check(String what, java.util.function.Supplier<DecodeResult> decode) {
        DecodeResult result;
        try {
            result = decode.get();
        } catch (RuntimeException | StackOverflowError e) {
            fail(what + ": decode threw " + e, e);
            return;
        }
        assertThat(result).as(what).isNotNull();
        outcomes.merge(result instanceof DecodeResult.Accepted a && a.event() != null
                ? a.event().getClass().getSimpleName()
                : result instanceof DecodeResult.Rejected r ? String.valueOf(r.rejection()) : "?", 1, Integer::sum);
        if (result instanceof DecodeResult.Accepted accepted) {
            assertThat(accepted.event()).as(what).isNotNull();
            if (accepted.event() instanceof InboundEvent.MessageReceived received) {
                assertThat(received.message().messageId()).as(what).isNotBlank();
            }
        } else {
            assertThat(((DecodeResult.Rejected) result).rejection()).as(what).isNotNull();
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] truncated(Random random, String valid) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }

    /** A valid event with one node somewhere replaced by a random value. */
    private JsonNode mutated(Random random) {
        ObjectNode root = switch (random.nextInt(3)) {
            case 0 -> TestEvents.messageEnvelope();
            case 1 -> TestEvents.cardActionEnvelope();
            default -> TestEvents.parse(TestEvents.urlVerification(TestEvents.TOKEN));
        };
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() || random.nextInt(5) == 0
                ? KEYS[random.nextInt(KEYS.length)]
                : names.get(random.nextInt(names.size()));
        if (random.nextInt(6) == 0) {
            target.remove(name);
        } else {
            target.set(name, randomValue(random, 2));
        }
        return root;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        node.forEach(child -> collectObjects(child, into));
    }

    private JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 6 : 8);
        return switch (kind) {
            case 0 -> json.nullNode();
            case 1 -> json.booleanNode(random.nextBoolean());
            case 2 -> json.numberNode(random.nextLong());
            case 3 -> json.numberNode(random.nextDouble() * 1e300);
            case 4 -> json.textNode(randomText(random));
            case 5 -> json.textNode(KEYS[random.nextInt(KEYS.length)]);
            case 6 -> {
                ArrayNode array = json.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = json.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(KEYS[random.nextInt(KEYS.length)], randomValue(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.appendCodePoint(random.nextInt(4) == 0 ? 0x1F600 + random.nextInt(40) : 0x20 + random.nextInt(0x60));
        }
        return text.toString();
    }
}
