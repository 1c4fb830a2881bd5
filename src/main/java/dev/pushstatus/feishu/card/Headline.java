package dev.pushstatus.feishu.card;

import dev.pushstatus.bot.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to an operator's first question, "how is my push doing?", in one bold line from
 * the counts and the send time (never from the undocumented status integer), then the read rate
 * or the send time on a second line.
 */
final class Headline {

    private final Texts texts;

    Headline(Texts texts) {
        this.texts = texts;
    }

    /** The headline as lark markdown: a bold first line, then at most one plain line. */
    String markdown(Notification n, Stage stage, Instant now, Lang lang) {
        List<String> lines = new ArrayList<>();
        lines.add("**" + first(n, stage, now, lang) + "**");
        switch (stage) {
            case DELIVERED, SENDING -> {
                lines.add(readRate(n, lang));
                if (n.sendAt() != null) {
                    lines.add(lang.pick("发送时间：", "Send time: ") + texts.timeAndAge(n.sendAt(), now, lang));
                }
            }
            case OVERDUE -> lines.add(lang.pick("原定发送时间：", "It was due ") + texts.time(n.sendAt()));
            case UNKNOWN -> {
                if (n.sendAt() != null) {
                    lines.add(lang.pick("发送时间：", "Send time: ") + texts.timeAndAge(n.sendAt(), now, lang));
                }
            }
            default -> {
                // The first line says it all: the send time, or that there is none.
            }
        }
        return String.join("\n", lines);
    }

    private String first(Notification n, Stage stage, Instant now, Lang lang) {
        Integer target = n.targetCount();
        Integer sent = n.sentCount();
        return switch (stage) {
            case DELIVERED -> lang.pick("已送达全部 " + Texts.number(target, lang) + " 人",
                    "Delivered to all " + Texts.number(target, lang));
            case SENDING -> target == null || target <= 0
                    ? lang.pick("发送中：已发送 " + Texts.number(sent, lang) + " 人", "Sending: " + Texts.number(sent, lang) + " sent so far")
                    : lang.pick("发送中：已发送 " + Texts.number(sent, lang) + " / " + Texts.number(target, lang) + " 人",
                            "Sending: " + Texts.number(sent, lang) + " of " + Texts.number(target, lang));
            case SCHEDULED -> n.sendAt().isAfter(now)
                    ? lang.pick("定于 " + texts.time(n.sendAt()) + " 发送" + Texts.bracket(Texts.relative(n.sendAt(), now, lang), lang),
                            "Scheduled for " + texts.time(n.sendAt()) + Texts.bracket(Texts.relative(n.sendAt(), now, lang), lang))
                    : lang.pick("即将开始：原定 " + Texts.relative(n.sendAt(), now, lang) + "发送，尚未发出",
                            "Starting: due " + Texts.relative(n.sendAt(), now, lang) + ", nothing sent yet");
            case OVERDUE -> lang.pick("已逾期：原定 " + Texts.relative(n.sendAt(), now, lang) + "发送，尚未发出",
                    "Overdue: scheduled " + Texts.relative(n.sendAt(), now, lang) + ", nothing sent");
            case NOT_SENT -> target != null && target <= 0
                    ? lang.pick("尚未发送：目标人数为 0", "Not sent yet: no one to send to (target 0)")
                    : lang.pick("尚未发送：未设定发送时间", "Not sent yet: no send time set");
            case UNKNOWN -> lang.pick("进度未知：飞书未提供已发送人数", "Progress unknown: Feishu did not report how many were sent");
        };
    }

    private static String readRate(Notification n, Lang lang) {
        Integer read = n.readCount();
        if (read == null) {
            return lang.pick("已读人数：未提供", "Read count: not reported");
        }
        String percent = Texts.percent(read, n.sentCount());
        return lang.pick("已读 " + Texts.number(read, lang) + " 人" + (percent.isEmpty() ? "" : "，占已发送的 " + percent),
                "Read by " + Texts.number(read, lang) + (percent.isEmpty() ? "" : " (" + percent + " of sent)"));
    }
}
