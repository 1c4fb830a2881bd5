package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Builders for the card JSON 1.0 pieces the bot uses (feishu-protocol.md, section 5). */
final class CardParts {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CardParts() {
    }

    /** A whole card: header plus one element list per language. */
    static ObjectNode card(String template, Map<Lang, String> title, Map<Lang, ArrayNode> elements) {
        ObjectNode card = JSON.objectNode();
        card.putObject("config").put("wide_screen_mode", true).put("update_multi", true);
        ObjectNode header = card.putObject("header");
        header.put("template", template);
        ObjectNode titleNode = header.putObject("title");
        titleNode.put("tag", "plain_text").put("content", title.get(Lang.EN));
        ObjectNode i18nTitle = titleNode.putObject("i18n");
        ObjectNode i18nElements = card.putObject("i18n_elements");
        for (Lang lang : Lang.values()) {
            i18nTitle.put(lang.key(), title.get(lang));
            i18nElements.set(lang.key(), elements.get(lang));
        }
        return card;
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
