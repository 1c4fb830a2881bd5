package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of Feishu's card JSON 1.0 that the bot's cards must keep, written down from the
 * protocol fact sheet and Feishu's component pages, as a checker that lists every problem of a
 * card. Stricter than Feishu in one way on purpose: no property the bot does not know is allowed
 * anywhere (card JSON 2.0 rejects them, and a typo in a property name is silently ignored by 1.0),
 * so every property used is one somebody looked up.
 */
final class CardSchema {

    /** Feishu's limit on a card message's content: 30 KB. */
    static final int MAX_BYTES = 30 * 1024;
    static final Set<String> LANGUAGES = Set.of("zh_cn", "en_us", "ja_jp", "zh_hk", "zh_tw");
    static final Set<String> TEMPLATES = Set.of("blue", "wathet", "turquoise", "green", "yellow", "orange", "red",
            "carmine", "violet", "purple", "indigo", "grey");
    static final Set<String> TAG_COLORS = Set.of("neutral", "blue", "turquoise", "lime", "orange", "violet", "indigo",
            "wathet", "green", "yellow", "red", "purple", "carmine");
    static final Set<String> CHART_TYPES = Set.of("bar", "funnel", "line", "area", "pie", "scatter", "radar");

    /** Allowed properties of each element, by tag. */
    private static final Map<String, Set<String>> ELEMENTS = Map.of(
            "div", Set.of("tag", "text", "fields", "extra"),
            "markdown", Set.of("tag", "content", "text_align", "href"),
            "hr", Set.of("tag"),
            "note", Set.of("tag", "elements"),
            "action", Set.of("tag", "actions", "layout"),
            "column_set", Set.of("tag", "flex_mode", "background_style", "horizontal_spacing", "columns"),
            "chart", Set.of("tag", "chart_spec", "aspect_ratio", "color_theme", "preview", "height"),
            "collapsible_panel", Set.of("tag", "expanded", "header", "border", "vertical_spacing", "padding",
                    "background_color", "elements"));

    private final List<String> problems = new ArrayList<>();

    private CardSchema() {
    }

    /** Every way the card JSON breaks the rules; empty for a valid card. */
    static List<String> problems(String cardJson) {
        CardSchema schema = new CardSchema();
        int bytes = cardJson.getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= MAX_BYTES) {
            schema.problem("$", "card is " + bytes + " bytes, over the 30 KB limit");
        }
        schema.card(CardJson.parse(cardJson));
        return List.copyOf(schema.problems);
    }

    /** As {@link #problems(String)}, for a parsed card (no size check). */
    static List<String> problems(JsonNode card) {
        CardSchema schema = new CardSchema();
        schema.card(card);
        return List.copyOf(schema.problems);
    }

    private void problem(String path, String what) {
        problems.add(path + ": " + what);
    }

    private void only(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            problem(path, "must be an object");
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problem(path, "unknown property '" + name + "'");
            }
        }
    }

    private void oneOf(JsonNode node, String path, Set<String> values) {
        if (!node.isTextual() || !values.contains(node.asText())) {
            problem(path, "must be one of " + values + ", is " + node);
        }
    }

    private void card(JsonNode card) {
        only(card, "$", Set.of("config", "header", "elements", "i18n_elements", "card_link"));
        if (card.has("schema") || card.has("body")) {
            problem("$", "card JSON 2.0 properties (schema, body) in a 1.0 card");
        }
        JsonNode config = card.path("config");
        only(config, "$.config", Set.of("wide_screen_mode", "enable_forward", "update_multi", "width_mode"));
        if (!config.path("update_multi").asBoolean(false)) {
            problem("$.config.update_multi", "must be true: the bot updates its cards in place");
        }
        header(card.path("header"));
        if (card.has("elements") == card.has("i18n_elements")) {
            problem("$", "needs exactly one of elements and i18n_elements");
        }
        if (card.has("elements")) {
            elements(card.path("elements"), "$.elements", false);
        }
        if (card.has("i18n_elements")) {
            JsonNode i18n = card.path("i18n_elements");
            only(i18n, "$.i18n_elements", LANGUAGES);
            i18n.fields().forEachRemaining(e -> {
                if (e.getValue().isEmpty()) {
                    problem("$.i18n_elements." + e.getKey(), "must not be empty");
                }
                elements(e.getValue(), "$.i18n_elements." + e.getKey(), false);
            });
            if (!i18n.has("zh_cn") || !i18n.has("en_us")) {
                problem("$.i18n_elements", "the bot's cards are bilingual: zh_cn and en_us");
            } else if (!shape(i18n.path("zh_cn")).equals(shape(i18n.path("en_us")))) {
                problem("$.i18n_elements", "zh_cn and en_us differ in layout: " + shape(i18n.path("zh_cn")) + " vs "
                        + shape(i18n.path("en_us")));
            }
        }
    }

    /** The element tags in order, nested ones in brackets: both languages must have the same. */
    private static String shape(JsonNode elements) {
        StringBuilder out = new StringBuilder();
        for (JsonNode e : elements) {
            out.append(e.path("tag").asText()).append(' ');
            if (e.has("elements")) {
                out.append('[').append(shape(e.path("elements"))).append("] ");
            }
            for (JsonNode column : e.path("columns")) {
                out.append('[').append(shape(column.path("elements"))).append("] ");
            }
        }
        return out.toString().strip();
    }

    private void header(JsonNode header) {
        only(header, "$.header", Set.of("template", "title", "subtitle", "text_tag_list", "i18n_text_tag_list"));
        oneOf(header.path("template"), "$.header.template", TEMPLATES);
        headerText(header.path("title"), "$.header.title", true);
        if (header.has("subtitle")) {
            headerText(header.path("subtitle"), "$.header.subtitle", false);
        }
        if (header.has("text_tag_list")) {
            tags(header.path("text_tag_list"), "$.header.text_tag_list");
        }
        if (header.has("i18n_text_tag_list")) {
            only(header.path("i18n_text_tag_list"), "$.header.i18n_text_tag_list", LANGUAGES);
            header.path("i18n_text_tag_list").fields()
                    .forEachRemaining(e -> tags(e.getValue(), "$.header.i18n_text_tag_list." + e.getKey()));
        }
    }

    private void headerText(JsonNode text, String path, boolean bilingual) {
        only(text, path, Set.of("tag", "content", "i18n"));
        oneOf(text.path("tag"), path + ".tag", Set.of("plain_text"));
        if (!text.path("content").isTextual()) {
            problem(path + ".content", "must be text");
        }
        if (text.has("i18n")) {
            only(text.path("i18n"), path + ".i18n", LANGUAGES);
        }
        if (bilingual && (text.path("i18n").path("zh_cn").asText("").isBlank()
                || text.path("i18n").path("en_us").asText("").isBlank())) {
            problem(path + ".i18n", "needs zh_cn and en_us");
        }
    }

    private void tags(JsonNode list, String path) {
        if (!list.isArray() || list.size() > 3) {
            problem(path, "must be a list of at most 3 tags");
            return;
        }
        int i = 0;
        for (JsonNode tag : list) {
            String at = path + "[" + i++ + "]";
            only(tag, at, Set.of("tag", "text", "color"));
            oneOf(tag.path("tag"), at + ".tag", Set.of("text_tag"));
            text(tag.path("text"), at + ".text", Set.of("plain_text"));
            oneOf(tag.path("color"), at + ".color", TAG_COLORS);
        }
    }

    private void text(JsonNode text, String path, Set<String> tags) {
        only(text, path, Set.of("tag", "content", "lines", "i18n"));
        if (text.has("i18n")) {
            only(text.path("i18n"), path + ".i18n", LANGUAGES);
        }
        oneOf(text.path("tag"), path + ".tag", tags);
        if (!text.path("content").isTextual()) {
            problem(path + ".content", "must be text");
        }
    }

    private void elements(JsonNode elements, String path, boolean insidePanel) {
        if (!elements.isArray()) {
            problem(path, "must be a list");
            return;
        }
        int i = 0;
        for (JsonNode e : elements) {
            element(e, path + "[" + i++ + "]", insidePanel);
        }
    }

    private void element(JsonNode e, String path, boolean insidePanel) {
        String tag = e.path("tag").asText("");
        Set<String> allowed = ELEMENTS.get(tag);
        if (allowed == null) {
            problem(path, "unknown element tag '" + tag + "'");
            return;
        }
        only(e, path, allowed);
        switch (tag) {
            case "div" -> {
                if (e.has("text")) {
                    text(e.path("text"), path + ".text", Set.of("plain_text", "lark_md"));
                }
                int i = 0;
                for (JsonNode field : e.path("fields")) {
                    only(field, path + ".fields[" + i + "]", Set.of("is_short", "text"));
                    text(field.path("text"), path + ".fields[" + i++ + "].text", Set.of("plain_text", "lark_md"));
                }
                if (!e.has("text") && !e.has("fields")) {
                    problem(path, "a div needs text or fields");
                }
            }
            case "markdown" -> {
                if (!e.path("content").isTextual()) {
                    problem(path + ".content", "must be text");
                }
                if (e.has("text_align")) {
                    oneOf(e.path("text_align"), path + ".text_align", Set.of("left", "center", "right"));
                }
            }
            case "note" -> {
                int i = 0;
                for (JsonNode n : e.path("elements")) {
                    text(n, path + ".elements[" + i++ + "]", Set.of("plain_text", "lark_md"));
                }
            }
            case "action" -> actions(e.path("actions"), path + ".actions");
            case "column_set" -> columns(e, path, insidePanel);
            case "chart" -> chart(e, path);
            case "collapsible_panel" -> panel(e, path, insidePanel);
            default -> {
                // hr: the tag is all there is
            }
        }
    }

    private void actions(JsonNode actions, String path) {
        if (!actions.isArray() || actions.isEmpty()) {
            problem(path, "needs at least one button");
            return;
        }
        int i = 0;
        for (JsonNode b : actions) {
            String at = path + "[" + i++ + "]";
            only(b, at, Set.of("tag", "text", "type", "value", "url", "multi_url", "confirm"));
            oneOf(b.path("tag"), at + ".tag", Set.of("button"));
            text(b.path("text"), at + ".text", Set.of("plain_text", "lark_md"));
            oneOf(b.path("type"), at + ".type", Set.of("default", "primary", "danger"));
            if (b.has("url") && !b.path("url").asText("").matches("https?://.+")) {
                problem(at + ".url", "must be a web link");
            }
        }
    }

    private void columns(JsonNode set, String path, boolean insidePanel) {
        if (set.has("flex_mode")) {
            oneOf(set.path("flex_mode"), path + ".flex_mode", Set.of("none", "stretch", "flow", "bisect", "trisect"));
        }
        if (set.has("background_style")) {
            oneOf(set.path("background_style"), path + ".background_style", Set.of("default", "grey"));
        }
        if (!set.path("columns").isArray() || set.path("columns").isEmpty()) {
            problem(path + ".columns", "needs at least one column");
            return;
        }
        int i = 0;
        for (JsonNode column : set.path("columns")) {
            String at = path + ".columns[" + i++ + "]";
            only(column, at, Set.of("tag", "width", "weight", "vertical_align", "elements"));
            oneOf(column.path("tag"), at + ".tag", Set.of("column"));
            if (column.has("width") && !column.path("width").asText("").matches("auto|weighted|\\d{1,3}px")) {
                problem(at + ".width", "must be auto, weighted or a pixel width");
            }
            if (column.has("weight") && (!column.path("weight").isInt() || column.path("weight").asInt() < 1
                    || column.path("weight").asInt() > 5)) {
                problem(at + ".weight", "must be an integer from 1 to 5");
            }
            if (column.has("vertical_align")) {
                oneOf(column.path("vertical_align"), at + ".vertical_align", Set.of("top", "center", "bottom"));
            }
            elements(column.path("elements"), at + ".elements", insidePanel);
        }
    }

    private void chart(JsonNode chart, String path) {
        if (chart.has("aspect_ratio")) {
            oneOf(chart.path("aspect_ratio"), path + ".aspect_ratio", Set.of("1:1", "2:1", "4:3", "16:9"));
        }
        if (chart.has("color_theme")) {
            oneOf(chart.path("color_theme"), path + ".color_theme",
                    Set.of("brand", "rainbow", "complementary", "converse", "primary"));
        }
        JsonNode spec = chart.path("chart_spec");
        if (!spec.isObject()) {
            problem(path + ".chart_spec", "must be a VChart spec object");
            return;
        }
        oneOf(spec.path("type"), path + ".chart_spec.type", CHART_TYPES);
        JsonNode data = spec.path("data");
        JsonNode first = data.isArray() ? data.path(0) : data;
        if (!first.path("values").isArray() || first.path("values").isEmpty()) {
            problem(path + ".chart_spec.data", "needs values to draw");
        }
    }

    private void panel(JsonNode panel, String path, boolean insidePanel) {
        if (insidePanel) {
            problem(path, "a collapsible panel cannot hold another");
        }
        JsonNode header = panel.path("header");
        only(header, path + ".header", Set.of("title", "background_color", "vertical_align", "padding", "icon",
                "icon_position", "icon_expanded_angle"));
        text(header.path("title"), path + ".header.title", Set.of("plain_text", "markdown"));
        if (panel.has("expanded") && !panel.path("expanded").isBoolean()) {
            problem(path + ".expanded", "must be true or false");
        }
        if (panel.has("border")) {
            only(panel.path("border"), path + ".border", Set.of("color", "corner_radius"));
        }
        elements(panel.path("elements"), path + ".elements", true);
        if (panel.path("elements").isEmpty()) {
            problem(path + ".elements", "must not be empty");
        }
    }
}
