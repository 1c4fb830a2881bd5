package dev.pushstatus.feishu.event;

import static dev.pushstatus.feishu.event.TestEvents.accepted;
import static dev.pushstatus.feishu.event.TestEvents.at;
import static dev.pushstatus.feishu.event.TestEvents.messageEnvelope;
import static dev.pushstatus.feishu.event.TestEvents.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.feishu.FeishuJson;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The text of text and post messages, mention placeholders removed. */
class MessageTextTest {

    private static final ObjectMapper MAPPER = FeishuJson.newMapper();

    /** A post body as real events carry it: an at node, a text node, and an image paragraph. */
    private static final String POST_BODY = """
            {"title":"","content":[
              [{"tag":"at","user_id":"@_user_1","user_name":"PushBot","style":[]},
               {"tag":"text","text":" /push-status 123","style":[]}],
              [{"tag":"img","image_key":"img_v2_1"}]]}""";

    private static Optional<String> extract(String type, String content) {
        return MessageText.extract(type, content, MAPPER);
    }

    @Test
    void textContentWithTheBotMentionRemoved() {
        assertThat(extract("text", "{\"text\":\"@_user_1 /push-status 123\"}")).contains("/push-status 123");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@_all /help                       | /help",
            "@_user_1 @_user_2  /ps 7          | /ps 7",
            "/push-status 9 @_user_12          | /push-status 9",
            "  plain text  |  plain text"})
    void everyMentionPlaceholderIsRemoved(String text, String expected) {
        assertThat(extract("text", TestEvents.textContent(text))).contains(expected.strip());
    }

    @Test
    void aTextMessageWithoutTextFieldIsEmptyText() {
        assertThat(extract("text", "{\"other\":1}")).contains("");
    }

    @Test
    void flatPostContentJoinsTextNodesAndSkipsAtAndImages() {
        assertThat(extract("post", POST_BODY)).contains("/push-status 123");
    }

    @Test
    void localeWrappedPostContentIsReadToo() {
        assertThat(extract("post", "{\"zh_cn\":" + POST_BODY + "}")).contains("/push-status 123");
    }

    @Test
    void postTextNodesOfOneParagraphAreJoinedAndParagraphsSeparated() {
        String post = """
                {"content":[[{"tag":"text","text":"/push-"},{"tag":"text","text":"status 5"}],
                            [{"tag":"text","text":"second line"}]]}""";

        assertThat(extract("post", post)).contains("/push-status 5\nsecond line");
    }

    @Test
    void aPostWithOnlyAnImageHasEmptyText() {
        assertThat(extract("post", "{\"content\":[[{\"tag\":\"img\",\"image_key\":\"img_1\"}]]}")).contains("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"image", "file", "sticker", "interactive", "audio"})
    void messageTypesWithoutTextHaveNone(String type) {
        assertThat(extract(type, "{\"text\":\"/help\",\"image_key\":\"img_1\"}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{", "[\"text\"]", "\"text\"", ""})
    void contentThatIsNoJsonObjectHasNoText(String content) {
        assertThat(extract("text", content)).isEmpty();
        assertThat(extract("post", content)).isEmpty();
    }

    @Test
    void nullContentHasNoText() {
        assertThat(extract("text", null)).isEmpty();
    }

    @Test
    void oddlyShapedPostContentNeverThrows() {
        assertThat(extract("post", "{\"content\":\"x\"}")).contains("");
        assertThat(extract("post", "{\"content\":[{\"tag\":\"text\",\"text\":\"a\"},7,null]}")).isPresent();
        assertThat(extract("post", "{\"zh_cn\":5,\"en_us\":{\"title\":\"t\"}}")).contains("");
    }

    @Test
    void theDecoderSetsTextToNullForContentThatIsNoJson() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/event/message").put("content", "{broken");

        var received = accepted(TestEvents.plainDecoder().decodeEvent(unsigned(envelope.toString())),
                InboundEvent.MessageReceived.class);

        assertThat(received.message().text()).isNull();
    }

    @Test
    void theDecoderReadsPostMessages() {
        ObjectNode envelope = messageEnvelope();
        at(envelope, "/event/message").put("message_type", "post").put("content", "{\"zh_cn\":" + POST_BODY + "}");

        var received = accepted(TestEvents.plainDecoder().decodeEvent(unsigned(envelope.toString())),
                InboundEvent.MessageReceived.class);

        assertThat(received.message().text()).isEqualTo("/push-status 123");
    }
}
