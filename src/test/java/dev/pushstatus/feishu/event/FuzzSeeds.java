package dev.pushstatus.feishu.event;

import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.EventSealer;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the seed corpus of the Jazzer fuzz tests (docs/fuzzing.md) under src/test/resources, in
 * Jazzer's layout ({@code <package>/<TestClass>Inputs/<method>/<seed>}). Not a test: run it by
 * hand after changing a target's input format. A seed that exists already is left as it is (the
 * sealed ones hold a random IV, and rewriting them would only churn the corpus).
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/fuzz-classpath) dev.pushstatus.feishu.event.FuzzSeeds</pre>
 */
final class FuzzSeeds {

    private static final Path RESOURCES = Path.of("src/test/resources/dev/pushstatus");
    /** The simulator's credentials, matching the fuzz tests' decoders (TestEvents). */
    private static final SimCredentials CREDENTIALS = new SimCredentials("cli_fuzz", "secret", TestEvents.TOKEN,
            TestEvents.ENCRYPT_KEY, "helpdesk", "helpdesk-token", TestEvents.BOT_OPEN_ID, "PushBot", TestEvents.APP_TENANT);

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        EventFactory events = new EventFactory(CREDENTIALS, FeishuJson.newMapper(), TestEvents.AT_TIMESTAMP);
        EventSealer sealer = new EventSealer(CREDENTIALS, TestEvents.AT_TIMESTAMP);
        String message = events.message(EventFactory.Message.groupMention("/push-status 6981801914270744596")
                .withMessageId("om_fuzzseed1"));
        String post = events.message(EventFactory.Message.p2p("@a @b /ps 123").asPost().withMessageId("om_fuzzseed2"));
        EventFactory.Click click = EventFactory.Click.on("om_card1", Map.of("cmd", "refresh", "id", "6981801914270744596"));
        String cardAction = events.cardAction(click);
        String handshake = events.urlVerification("challenge-1");

        Path decoder = RESOURCES.resolve("feishu/event/EventDecoderJazzerFuzzTestInputs");
        write(decoder.resolve("plainMode/message-group-mention.json"), message);
        write(decoder.resolve("plainMode/message-post-p2p.json"), post);
        write(decoder.resolve("plainMode/card-action.json"), cardAction);
        write(decoder.resolve("plainMode/url-verification.json"), handshake);
        write(decoder.resolve("plainMode/v1-event.json"),
                "{\"type\":\"event_callback\",\"token\":\"" + TestEvents.TOKEN + "\",\"event\":{\"type\":\"message\"}}");
        write(decoder.resolve("encryptedMode/plaintext-message.json"), message);
        write(decoder.resolve("encryptedMode/plaintext-card-action.json"), cardAction);
        write(decoder.resolve("encryptedMode/sealed-message.json"), sealer.seal(message).body());
        write(decoder.resolve("encryptedMode/sealed-url-verification.json"), sealer.seal(handshake).body());
        write(decoder.resolve("legacyCard/legacy-click.json"), events.legacyCardAction(click));
        write(decoder.resolve("legacyCard/url-verification.json"), handshake);
        // rawRequests reads a shape byte from the end, then nonce and forged signature as strings
        // ended by a backslash and one more character, then the body.
        byte[][] shapes = {{0}, {2}, {4}, {6}};
        String[] names = {"no-signature", "valid-signature", "upper-case-signature", "forged-signature"};
        for (int i = 0; i < shapes.length; i++) {
            write(decoder.resolve("rawRequests/" + names[i] + ".bin"),
                    concat(("533226633\\x" + "0123abcd\\x" + message).getBytes(StandardCharsets.UTF_8), shapes[i]));
        }
        write(decoder.resolve("rawRequests/sealed-with-timestamp.bin"), concat(
                (TestEvents.TIMESTAMP + "\\x533226633\\x\\x").getBytes(StandardCharsets.UTF_8),
                sealer.seal(message).body(), new byte[] {3}));

        Path parser = RESOURCES.resolve("bot/CommandParserFuzzTestInputs/parse");
        write(parser.resolve("ps-123.txt"), "/ps 123");
        write(parser.resolve("mentions.txt"), "@a @b /push-status 1");
        write(parser.resolve("long-mention-run.txt"), "@a ".repeat(1_000) + "/ps 1");
        write(parser.resolve("pasted-id.txt"), "\u00a0／PS “6981801914270744596”。\u3000");
        write(parser.resolve("help.txt"), "/help");
        write(parser.resolve("too-many-arguments.txt"), "/push-status 1 OR 1");
        write(parser.resolve("id-too-long.txt"), "/ps 123456789012345678901234567890123");
        write(parser.resolve("not-a-command.txt"), "hello @bot");

        Path text = RESOURCES.resolve("feishu/event/MessageTextFuzzTestInputs/extract");
        write(text.resolve("text.txt"), "text\n{\"text\":\"@_user_1 /push-status 123\"}");
        write(text.resolve("text-placeholders.txt"), "text\n{\"text\":\"@_all@_user_12 /ps 1 @_user_\"}");
        write(text.resolve("post-locale.txt"), "post\n{\"zh_cn\":{\"title\":\"t\",\"content\":[[{\"tag\":\"at\",\"user_id\":"
                + "\"@_user_1\"},{\"tag\":\"text\",\"text\":\" /ps 1\"}],[{\"tag\":\"a\",\"text\":\"x\",\"href\":\"h\"},"
                + "{\"tag\":\"md\",\"text\":\"**m**\"},{\"tag\":\"img\",\"image_key\":\"k\"}]]}}");
        write(text.resolve("post-flat.txt"), "post\n{\"title\":\"\",\"content\":[[{\"tag\":\"text\",\"text\":\"/help\"}]]}");
        write(text.resolve("image.txt"), "image\n{\"image_key\":\"img_v2_1\"}");
        write(text.resolve("post-deep.txt"), "post\n{\"content\":" + "[".repeat(100) + "]".repeat(100) + "}");

        // statusCard takes its choices from the end and its texts from the front, each text ended
        // by a backslash and one more character: hostile texts in front, different choices behind.
        Path card = RESOURCES.resolve("feishu/card/CardRendererFuzzTestInputs/statusCard");
        String hostile = String.join("\\x", "<at id=all></at>", "[click](https://evil.example)", "**bold** _i_ ~s~",
                "<font color='red'>red</font>", "&lt;at id=all&gt;", "\u202egnp.exe", "群聊 🙂", "@all a@b",
                "https://applink.feishu.cn@evil.example/", "<a href='https://e.x'>x</a>", "\\\\");
        byte[] front = hostile.getBytes(StandardCharsets.UTF_8);
        write(card.resolve("hostile-texts-1.bin"), concat(front, filled(96, 1)));
        write(card.resolve("hostile-texts-2.bin"), concat(front, filled(96, 2)));
        write(card.resolve("hostile-texts-mixed.bin"), concat(front, new byte[] {3, 0, 2, 1, 3, 2, 0, 1, 2, 2, 1, 3,
            (byte) 0xff, (byte) 0x7f, 0, 0, 0, 0, (byte) 0x80, 5, 4, 3, 2, 1, 2, 1, 2, 1, 0, 1, 2, 3, 1, 1, 1, 1}));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        System.out.println("wrote " + file + " (" + bytes.length + " bytes)");
    }
}
