package dev.pushstatus.feishu.card;

import dev.pushstatus.bot.Notification;
import java.time.Duration;
import java.time.Instant;

/**
 * How far a push has come, judged only from its counts and send time: the one thing the card
 * can say for sure while Feishu documents no meaning for the {@code status} integer (the API's
 * own example has {@code status 0} beside a push sent to everyone). It picks the header colour,
 * the coloured tag and the headline.
 */
enum Stage {
    DELIVERED("green", "green", "已送达", "Delivered"),
    SENDING("blue", "blue", "发送中", "Sending"),
    SCHEDULED("wathet", "wathet", "待发送", "Scheduled"),
    OVERDUE("orange", "orange", "已逾期", "Overdue"),
    NOT_SENT("grey", "neutral", "未发送", "Not sent yet"),
    UNKNOWN("grey", "neutral", "进度未知", "Progress unknown");

    /**
     * How long after its send time a push that has sent nothing still counts as starting rather
     * than overdue: Feishu needs a moment to begin, and a card read at the send time should not cry wolf.
     */
    static final Duration GRACE = Duration.ofMinutes(10);

    private final String template;
    private final String tagColor;
    private final String zh;
    private final String en;

    Stage(String template, String tagColor, String zh, String en) {
        this.template = template;
        this.tagColor = tagColor;
        this.zh = zh;
        this.en = en;
    }

    static Stage of(Notification n, Instant now) {
        Integer target = n.targetCount();
        Integer sent = n.sentCount();
        if (target != null && sent != null && target > 0 && sent >= target) {
            return DELIVERED;
        }
        if (sent != null && sent > 0) {
            return SENDING;
        }
        Instant sendAt = n.sendAt();
        if (sendAt != null && sendAt.plus(GRACE).isAfter(now)) {
            return SCHEDULED;
        }
        if (sent == null) {
            return UNKNOWN;
        }
        // Nothing sent: overdue only when there was a time to send at and someone to send to.
        boolean someoneToReach = target == null || target > 0;
        return sendAt != null && someoneToReach ? OVERDUE : NOT_SENT;
    }

    /** The header template colour. */
    String template() {
        return template;
    }

    /** The colour of the header's stage tag (text tags name grey "neutral"). */
    String tagColor() {
        return tagColor;
    }

    /** The stage in one or two words, for the tag. */
    String word(Lang lang) {
        return lang.pick(zh, en);
    }
}
