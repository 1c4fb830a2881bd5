package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Builders for the card JSON 1.0 pieces the bot uses (docs/feishu.md, "Cards"). */
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
        ObjectNode card = JSON.objectNode();
        card.putObject("config").put("wide_screen_mode", true).put("update_multi", true);
        ObjectNode header = card.putObject("header");
        header.put("template", template);
        header.set("title", i18nPlainText(title));
        if (subtitle != null) {
            header.set("subtitle", i18nPlainText(subtitle));
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

    static ArrayNode elements() {
        return JSON.arrayNode();
    }

    /** A block of lark_md text; the caller has escaped anything untrusted. */
    static ObjectNode markdownDiv(String larkMd) {
        ObjectNode div = JSON.objectNode().put("tag", "div");
        div.putObject("text").put("tag", "lark_md").put("content", larkMd);
        return div;
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
