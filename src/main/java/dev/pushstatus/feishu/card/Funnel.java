package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.Notification;
import java.util.List;
import java.util.Optional;

/**
 * Target, sent and read as a picture and as numbers: a native chart (horizontal bars, one per
 * stage, so each length compares with the target above it) and one row of the three counts with
 * the two percentages. A count Feishu left out is said to be absent, never drawn or written as 0.
 */
final class Funnel {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Funnel() {
    }

    /** The three stages, in order: label and count. */
    private record Step(String zh, String en, Integer count) {}

    private static List<Step> steps(Notification n) {
        return List.of(new Step("目标", "Target", n.targetCount()), new Step("已发送", "Sent", n.sentCount()),
                new Step("已读", "Read", n.readCount()));
    }

    /**
     * The chart, when it would show something: at least one known count above 0. The spec holds
     * only the bot's own labels and numbers, never text from the notification.
     */
    static Optional<ObjectNode> chart(Notification n, Lang lang) {
        List<Step> known = steps(n).stream().filter(s -> s.count() != null).toList();
        if (known.stream().noneMatch(s -> s.count() > 0)) {
            return Optional.empty();
        }
        ObjectNode spec = JSON.objectNode().put("type", "bar").put("direction", "horizontal");
        ArrayNode values = spec.putArray("data").addObject().put("id", "funnel").putArray("values");
        for (Step step : known) {
            // A negative count is nonsense from upstream; a bar cannot show it, the row beneath does.
            values.addObject().put("stage", lang.pick(step.zh(), step.en())).put("count", Math.max(0, step.count()));
        }
        spec.put("xField", "count").put("yField", "stage").put("seriesField", "stage");
        ArrayNode axes = spec.putArray("axes");
        axes.addObject().put("orient", "left").put("type", "band");
        axes.addObject().put("orient", "bottom").put("type", "linear").put("visible", false);
        spec.putObject("label").put("visible", true).put("position", "outside");
        spec.putObject("legends").put("visible", false);
        return Optional.of(CardParts.chart(spec));
    }

    /** One row: each count over its label; sent and read with their share of the step before. */
    static ObjectNode numbers(Notification n, Lang lang) {
        return CardParts.columns(List.of(
                cell(n.targetCount(), lang.pick("目标人数", "Target"), lang),
                cell(n.sentCount(), lang.pick("已发送", "Sent") + share(n.sentCount(), n.targetCount(), "目标的 ",
                        " of target", lang), lang),
                cell(n.readCount(), lang.pick("已读", "Read") + share(n.readCount(), n.sentCount(), "已发送的 ",
                        " of sent", lang), lang)));
    }

    private static ArrayNode cell(Integer count, String label, Lang lang) {
        String value = count == null ? Texts.absent(lang) : "**" + Texts.number(count, lang) + "**";
        ArrayNode elements = CardParts.elements();
        elements.add(CardParts.centredMarkdown(value + "\n" + label));
        return elements;
    }

    private static String share(Integer part, Integer whole, String zhBefore, String enAfter, Lang lang) {
        String percent = Texts.percent(part, whole);
        return percent.isEmpty() ? "" : " · " + lang.pick(zhBefore + percent, percent + enAfter);
    }
}
