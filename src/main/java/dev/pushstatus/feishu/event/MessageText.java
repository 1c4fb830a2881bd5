package dev.pushstatus.feishu.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Extracts the plain text of a message's {@code content} (itself a JSON string) for text and
 * post (rich text) messages, with mention placeholders ({@code @_user_1}, {@code @_all}) removed.
 */
final class MessageText {

    private static final Pattern MENTION_KEY = Pattern.compile("@_user_\\d+|@_all");

    private MessageText() {
    }

    /** The text, or empty for message types that carry none (image, file, sticker, ...). */
    static Optional<String> extract(String messageType, String content, ObjectMapper mapper) {
        if (content == null || !("text".equals(messageType) || "post".equals(messageType))) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        String text = "text".equals(messageType) ? root.path("text").asText("") : postText(root);
        // Without an '@' there is no mention key to blank out: skip the regex (most messages).
        return Optional.of((text.indexOf('@') < 0 ? text : MENTION_KEY.matcher(text).replaceAll(" ")).strip());
    }

    /** Post content arrives flat, or wrapped in a locale key (zh_cn, en_us, ...): take the first body. */
    private static String postText(JsonNode root) {
        JsonNode body = root.has("content") ? root : firstLocaleBody(root);
        StringBuilder text = new StringBuilder();
        for (JsonNode paragraph : body.path("content")) {
            for (JsonNode node : paragraph) {
                String tag = node.path("tag").asText("");
                if (List.of("text", "a", "md").contains(tag)) {
                    text.append(node.path("text").asText(""));
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static JsonNode firstLocaleBody(JsonNode root) {
        for (JsonNode value : root) {
            if (value.isObject() && value.has("content")) {
                return value;
            }
        }
        return root;
    }
}
