package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Builders for the card JSON 1.0 pieces the bot uses (docs/cards.md says which and why). */
final class CardParts {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CardParts() {
    }

    /**
     * A whole card: header (title, optional subtitle) plus one element list per language.
     * {@code update_multi} lets a Refresh replace the card for everyone who sees it.
     */
    static ObjectNode card(String template, Map<Lang, String> title, Map<Lang, String> subtitle,
                           Map<Lang, ArrayNode> elements) {
        return card(template, title, subtitle, List.of(), elements);
    }

    /** A whole card whose header also carries coloured tags (at most three, Feishu's limit). */
    static ObjectNode card(String template, Map<Lang, String> title, Map<Lang, String> subtitle, List<Tag> tags,
                           Map<Lang, ArrayNode> elements) {
        ObjectNode card = JSON.objectNode();
        card.putObject("config").put("wide_screen_mode", true).put("update_multi", true);
        ObjectNode header = card.putObject("header");
        header.put("template", template);
        header.set("title", i18nPlainText(title));
        if (subtitle != null) {
            header.set("subtitle", i18nPlainText(subtitle));
        }
        if (!tags.isEmpty()) {
            // The plain list for clients that know no i18n tags; the rest pick their language.
            ArrayNode plain = header.putArray("text_tag_list");
            tags.forEach(tag -> plain.add(tag.node(Lang.EN)));
            ObjectNode i18n = header.putObject("i18n_text_tag_list");
            for (Lang lang : Lang.values()) {
                ArrayNode list = i18n.putArray(lang.key());
                tags.forEach(tag -> list.add(tag.node(lang)));
            }
        }
        ObjectNode i18nElements = card.putObject("i18n_elements");
        for (Lang lang : Lang.values()) {
            i18nElements.set(lang.key(), elements.get(lang));
        }
        return card;
    }

    /** The same text in every language. */
    static Map<Lang, String> everyLanguage(String text) {
        Map<Lang, String> all = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            all.put(lang, text);
        }
        return all;
    }

    private static ObjectNode i18nPlainText(Map<Lang, String> text) {
        ObjectNode node = JSON.objectNode().put("tag", "plain_text").put("content", text.get(Lang.EN));
        ObjectNode i18n = node.putObject("i18n");
        for (Lang lang : Lang.values()) {
            i18n.put(lang.key(), text.get(lang));
        }
        return node;
    }

    /** A coloured tag in the card header, e.g. the stage. */
    record Tag(String zh, String en, String color) {
        ObjectNode node(Lang lang) {
            ObjectNode tag = JSON.objectNode().put("tag", "text_tag");
            tag.putObject("text").put("tag", "plain_text").put("content", lang.pick(zh, en));
            return tag.put("color", color);
        }
    }

    static ArrayNode elements() {
        return JSON.arrayNode();
    }

    /** A block of lark_md text; the caller has escaped anything untrusted. */
    static ObjectNode markdownDiv(String larkMd) {
        ObjectNode div = JSON.objectNode().put("tag", "div");
        div.putObject("text").put("tag", "lark_md").put("content", larkMd);
        return div;
    }

    /** A markdown element; the caller has escaped anything untrusted. */
    static ObjectNode markdown(String content) {
        return JSON.objectNode().put("tag", "markdown").put("content", content);
    }

    /** A markdown element centred in its column. */
    static ObjectNode centredMarkdown(String content) {
        return markdown(content).put("text_align", "center");
    }

    /**
     * A native chart: Feishu draws the VChart spec. The aspect ratio keeps three bars short in a
     * chat; the brand colour theme follows the client's light or dark mode.
     */
    static ObjectNode chart(ObjectNode vchartSpec) {
        ObjectNode chart = JSON.objectNode().put("tag", "chart").put("aspect_ratio", "2:1").put("color_theme", "brand");
        chart.set("chart_spec", vchartSpec);
        return chart;
    }

    /** Side-by-side columns of equal weight, each holding its elements; they stay side by side on phones. */
    static ObjectNode columns(List<ArrayNode> columnElements) {
        ObjectNode set = JSON.objectNode().put("tag", "column_set").put("flex_mode", "none")
                .put("background_style", "grey");
        ArrayNode columns = set.putArray("columns");
        for (ArrayNode elements : columnElements) {
            ObjectNode column = columns.addObject().put("tag", "column").put("width", "weighted").put("weight", 1)
                    .put("vertical_align", "top");
            column.set("elements", elements);
        }
        return set;
    }

    /** A section folded away under a one-line title; the reader opens it for the details. */
    static ObjectNode collapsible(String titleMarkdown, ArrayNode elements) {
        ObjectNode panel = JSON.objectNode().put("tag", "collapsible_panel").put("expanded", false);
        panel.putObject("header").putObject("title").put("tag", "markdown").put("content", titleMarkdown);
        panel.putObject("border").put("color", "grey").put("corner_radius", "5px");
        panel.put("vertical_spacing", "8px");
        panel.set("elements", elements);
        return panel;
    }

    /** A block of plain text, shown verbatim: the safe place for untrusted text. */
    static ObjectNode plainDiv(String text) {
        ObjectNode div = JSON.objectNode().put("tag", "div");
        div.putObject("text").put("tag", "plain_text").put("content", text);
        return div;
    }

    /** Short side-by-side fields, each "**label**\nvalue" in lark_md. */
    static ObjectNode fields(List<String[]> labelValuePairs) {
        ObjectNode div = JSON.objectNode().put("tag", "div");
        ArrayNode fields = div.putArray("fields");
        for (String[] pair : labelValuePairs) {
            ObjectNode field = fields.addObject().put("is_short", true);
            field.putObject("text").put("tag", "lark_md").put("content", "**" + pair[0] + "**\n" + pair[1]);
        }
        return div;
    }

    /** A row of buttons. */
    static ObjectNode actions(List<ObjectNode> buttons) {
        ObjectNode action = JSON.objectNode().put("tag", "action");
        buttons.forEach(action.putArray("actions")::add);
        return action;
    }

    /** A button whose click comes back to the bot with {@code value}. */
    static ObjectNode callbackButton(String text, String type, Map<String, String> value) {
        ObjectNode button = button(text, type);
        ObjectNode valueNode = button.putObject("value");
        value.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> valueNode.put(e.getKey(), e.getValue()));
        return button;
    }

    /** A button that opens a link. */
    static ObjectNode linkButton(String text, String url) {
        return button(text, "default").put("url", url);
    }

    private static ObjectNode button(String text, String type) {
        ObjectNode button = JSON.objectNode().put("tag", "button").put("type", type);
        button.putObject("text").put("tag", "plain_text").put("content", text);
        return button;
    }

    static ObjectNode divider() {
        return JSON.objectNode().put("tag", "hr");
    }

    /** Small grey print at the bottom of a card. */
    static ObjectNode note(String plainText) {
        ObjectNode note = JSON.objectNode().put("tag", "note");
        note.putArray("elements").addObject().put("tag", "plain_text").put("content", plainText);
        return note;
    }
}
