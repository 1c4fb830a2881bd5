package dev.pushstatus.feishu.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A card in a few lines of text a person reads in a terminal: its title and tags, then the text
 * at its top (a stale warning, the headline) up to the first element that is not text. What the
 * banner's curl lines print instead of kilobytes of card JSON on one line.
 */
final class CardSummary {

    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|lt|gt|amp|quot|apos);");

    private CardSummary() {
    }

    /** The card in one language ({@code en_us}, {@code zh_cn}), falling back to its plain elements. */
    static String of(JsonNode card, String lang) {
        JsonNode header = card.path("header");
        StringBuilder first = new StringBuilder(text(header.path("title"), lang));
        for (JsonNode tag : tags(header, lang)) {
            first.append("  [").append(tag.path("text").path("content").asText()).append(']');
        }
        List<String> lines = new ArrayList<>();
        lines.add(first.toString().replace("\u200B", ""));
        JsonNode elements = card.path("i18n_elements").has(lang) ? card.path("i18n_elements").path(lang) : card.path("elements");
        for (JsonNode e : elements) {
            String tag = e.path("tag").asText();
            String content = tag.equals("markdown") ? e.path("content").asText()
                    : tag.equals("div") && e.path("text").isObject() ? e.path("text").path("content").asText() : null;
            if (content == null) {
                break;
            }
            content.lines().forEach(line -> lines.add("  " + plain(line)));
        }
        return String.join("\n", lines);
    }

    private static JsonNode tags(JsonNode header, String lang) {
        JsonNode i18n = header.path("i18n_text_tag_list").path(lang);
        return i18n.isArray() ? i18n : header.path("text_tag_list");
    }

    private static String text(JsonNode text, String lang) {
        String i18n = text.path("i18n").path(lang).asText("");
        return i18n.isEmpty() ? text.path("content").asText("") : i18n;
    }

    /** Markdown as a terminal shows it: no bold marks, entities as the characters they stand for. */
    static String plain(String markdown) {
        Matcher m = ENTITY.matcher(markdown.replace("**", ""));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String character = switch (name) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int code = Integer.parseInt(name.substring(1));
                    yield Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : m.group();
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(character));
        }
        m.appendTail(out);
        return out.toString();
    }
}
