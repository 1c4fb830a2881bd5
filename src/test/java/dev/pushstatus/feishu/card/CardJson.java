package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reading rendered cards in tests: parse, and collect the texts a person would see. */
final class CardJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CardJson() {
    }

    static JsonNode parse(String card) {
        try {
            return JSON.readTree(card);
        } catch (IOException e) {
            throw new AssertionError("card is not valid JSON: " + card, e);
        }
    }

    /** Every {@code content} string in one language's elements, joined by newlines. */
    static String text(JsonNode card, String lang) {
        List<String> out = new ArrayList<>();
        collect(card.path("i18n_elements").path(lang), out, false);
        return String.join("\n", out);
    }

    /** The content of every lark_md or markdown node anywhere in the card. */
    static List<String> markdownContents(JsonNode card) {
        List<String> out = new ArrayList<>();
        collect(card, out, true);
        return out;
    }

    private static void collect(JsonNode node, List<String> out, boolean markdownOnly) {
        if (node.isObject() && node.path("content").isTextual()) {
            String tag = node.path("tag").asText("");
            if (!markdownOnly || tag.equals("lark_md") || tag.equals("markdown")) {
                out.add(node.path("content").asText());
            }
        }
        node.forEach(child -> collect(child, out, markdownOnly));
    }
}
