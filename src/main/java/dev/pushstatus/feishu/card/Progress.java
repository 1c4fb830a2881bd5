package dev.pushstatus.feishu.card;

import dev.pushstatus.bot.Notification;
import java.time.Instant;

/**
 * How far delivery has come, judged from the counts and the send time: the one thing the card
 * can say for sure while the {@code status} values stay undocumented. It picks the header colour.
 */
enum Progress {
    DELIVERED("green", "已全部送达", "Sent to everyone"),
    SENDING("blue", "发送中", "Sending"),
    SCHEDULED("wathet", "等待发送", "Waiting for its send time"),
    NOT_SENT("grey", "尚未发送", "Not sent yet"),
    UNKNOWN("grey", "进度未知", "Progress unknown");

    private final String template;
    private final String zh;
    private final String en;

    Progress(String template, String zh, String en) {
        this.template = template;
        this.zh = zh;
        this.en = en;
    }

    static Progress of(Notification n, Instant now) {
        Integer target = n.targetCount();
        Integer sent = n.sentCount();
        if (target != null && sent != null && target > 0 && sent >= target) {
            return DELIVERED;
        }
        if (sent != null && sent > 0) {
            return SENDING;
        }
        if (n.sendAt() != null && n.sendAt().isAfter(now)) {
            return SCHEDULED;
        }
        return sent == null ? UNKNOWN : NOT_SENT;
    }

    /** The header template colour. */
    String template() {
        return template;
    }

    String words(Lang lang) {
        return lang.pick(zh, en);
    }
}
