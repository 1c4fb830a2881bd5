package dev.pushstatus.feishu.card;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** The words on the cards, in both languages, and the formatting of values. */
final class Texts {

    static final String NONE = "-";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);

    private final ZoneId zone;
    private final Map<Integer, String> statusLabels;

    Texts(ZoneId zone, Map<Integer, String> statusLabels) {
        this.zone = zone;
        this.statusLabels = Map.copyOf(statusLabels);
    }

    String time(Instant instant) {
        return instant == null ? NONE : TIME.withZone(zone).format(instant);
    }

    static String count(Integer n) {
        return n == null ? NONE : String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * The status int in words. Feishu documents no meaning for these values, so only labels the
     * operator configured are shown; otherwise the raw number, never a guessed label.
     */
    String status(Integer status, Lang lang) {
        if (status == null) {
            return NONE;
        }
        String label = statusLabels.get(status);
        return label != null ? Markdown.escape(label, 40) + " (" + status + ")" : lang.pick("状态 ", "status ") + status;
    }

    static String pushType(Integer type, Lang lang) {
        if (type == null) {
            return NONE;
        }
        return switch (type) {
            case 0 -> lang.pick("定时推送", "Scheduled");
            case 1 -> lang.pick("新人入职推送", "New staff onboarding");
            default -> lang.pick("类型 ", "type ") + type;
        };
    }

    static String scope(Integer scope, Integer newStaffScope, Lang lang) {
        if (scope == null) {
            return NONE;
        }
        return switch (scope) {
            case 0 -> lang.pick("组织内全部成员", "All members");
            case 1 -> lang.pick("仅推送到群", "Chats only");
            case 2 -> lang.pick("指定成员和部门", "Selected users and departments");
            case 3 -> newStaffScope != null && newStaffScope == 1
                    ? lang.pick("指定部门的入职新人", "New staff in selected departments")
                    : lang.pick("全部入职新人", "All new staff");
            default -> lang.pick("范围 ", "scope ") + scope;
        };
    }
}
