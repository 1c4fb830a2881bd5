package dev.pushstatus.feishu.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.feishu.FeishuJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz target for {@link MessageText#extract} (Jazzer; docs/fuzzing.md), in its
 * package because the class is package-private.
 *
 * <p>An input is {@code <message type>\n<content>}, the content being the message's
 * {@code content} string (itself JSON); without a newline in the first 16 bytes the whole input is
 * the content of a text message. Invariants: no exception and no StackOverflowError (the mapper
 * bounds nesting); no text for types other than text and post; a text is stripped and holds no
 * mention placeholder ({@code @_user_N}, {@code @_all}); and a text message whose content is
 * {@code {"text": s}} yields s with its placeholders made spaces, stripped.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MessageTextFuzzTest {

    private static final ObjectMapper MAPPER = FeishuJson.newMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("@_user_[0-9]+|@_all");

    // libFuzzer's dictionary syntax: printable ASCII, other bytes as \xNN.
    @DictionaryEntries({"text\\x0A", "post\\x0A", "{\"text\":\"", "\"content\":[[", "{\"tag\":\"text\",\"text\":\"",
        "{\"tag\":\"a\",", "{\"tag\":\"md\",", "{\"tag\":\"at\",", "\"zh_cn\":{", "\"en_us\":{", "@_user_1", "@_all",
        "\\\\u0000", "\\\\ud83d"})
    @FuzzTest
    void extract(byte[] data) {
        int newline = -1;
        for (int i = 0; i < Math.min(16, data.length); i++) {
            if (data[i] == '\n') {
                newline = i;
                break;
            }
        }
        String type = newline < 0 ? "text" : new String(data, 0, newline, StandardCharsets.UTF_8);
        String content = new String(data, newline + 1, data.length - newline - 1, StandardCharsets.UTF_8);

        Optional<String> text = check(type, content);
        if (!type.equals("text") && !type.equals("post")) {
            assertThat(text).as("type %s carries no text", type).isEmpty();
        }

        // The content as the text of a well-formed text message: what a person typed comes back.
        String wrapped = MAPPER.createObjectNode().put("text", content).toString();
        assertThat(check("text", wrapped))
                .contains(PLACEHOLDER.matcher(content).replaceAll(" ").strip());
    }

    private static Optional<String> check(String type, String content) {
        Optional<String> text = MessageText.extract(type, content, MAPPER);
        assertThat(text).isNotNull();
        text.ifPresent(t -> {
            assertThat(t).as("stripped").isEqualTo(t.strip());
            assertThat(PLACEHOLDER.matcher(t).find()).as("placeholder left in %s", t).isFalse();
        });
        return text;
    }
}
