package dev.pushstatus.feishu.card;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** The words on the cards, in both languages, and the formatting of values. */
final class Texts {

    static final String NONE = "-";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss zzz", Locale.ENGLISH);
    private static final int BAR_CELLS = 10;

    private final DateTimeFormatter time;
    private final DateTimeFormatter clock;
    private final Map<Integer, String> statusLabels;

    Texts(ZoneId zone, Map<Integer, String> statusLabels) {
        this.time = TIME.withZone(zone);
        this.clock = CLOCK.withZone(zone);
        this.statusLabels = Map.copyOf(statusLabels);
    }

    /** {@code 2021-07-15 14:57 CST}, in the configured zone. */
    String time(Instant instant) {
        return instant == null ? NONE : time.format(instant);
    }

    /** {@code 2021-07-15 14:57 CST (3 h ago)}. */
    String timeAndAge(Instant instant, Instant now, Lang lang) {
        return instant == null ? NONE : time(instant) + " (" + relative(instant, now, lang) + ")";
    }

    /** {@code 15:30:05 CST}: when numbers were fetched, to the second. */
    String clock(Instant instant) {
        return clock.format(instant);
    }

    /** "in 3 h", "2 d ago", "just now": rounded down, so "in 3 h" is never more than 3 h away. */
    static String relative(Instant when, Instant now, Lang lang) {
        Duration gap = Duration.between(now, when);
        boolean future = !gap.isNegative();
        long seconds = Math.abs(gap.getSeconds());
        if (seconds < 60) {
            return lang.pick("刚刚", "just now");
        }
        String amount;
        if (seconds < 3_600) {
            amount = seconds / 60 + lang.pick(" 分钟", " min");
        } else if (seconds < 48 * 3_600) {
            amount = seconds / 3_600 + lang.pick(" 小时", " h");
        } else {
            amount = seconds / 86_400 + lang.pick(" 天", " d");
        }
        return future ? lang.pick(amount + "后", "in " + amount) : lang.pick(amount + "前", amount + " ago");
    }

    /** Whole seconds, rounded up: advice to retry a moment too early would just be refused again. */
    static long secondsToWait(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    static String count(Integer n) {
        return n == null ? NONE : grouped(n);
    }

    /**
     * {@code 1234567} as {@code 1,234,567}. By hand: {@code String.format("%,d")} builds its
     * symbols on every call and was 44 % of rendering a card (docs/benchmarks.md).
     */
    static String grouped(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            out.append('-');
        }
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** "80%" of part over whole; empty when either is unknown or the whole is 0 (no division by zero). */
    static String percent(Integer part, Integer whole) {
        if (part == null || whole == null || whole <= 0) {
            return "";
        }
        return Math.round(100.0 * part / whole) + "%";
    }

    /** A ten-cell text bar of part over whole, capped at full; empty when the ratio is unknown. */
    static String bar(Integer part, Integer whole) {
        if (part == null || whole == null || whole <= 0) {
            return "";
        }
        int filled = (int) Math.round(BAR_CELLS * Math.min(1.0, Math.max(0.0, (double) part / whole)));
        return "█".repeat(filled) + "░".repeat(BAR_CELLS - filled);
    }

    /**
     * The status int in words. Feishu documents no meaning for these values: an operator's label
     * wins; 0 is called "probably a draft" (the one value the API examples suggest) only while
     * nothing has been sent, since a sent push is no draft; anything else is the raw number.
     */
    String status(Integer status, Progress progress, Lang lang) {
        if (status == null) {
            return NONE;
        }
        String label = statusLabels.get(status);
        if (label != null) {
            return Markdown.escape(label, 40) + " (" + status + ")";
        }
        if (status == 0 && progress != Progress.DELIVERED && progress != Progress.SENDING) {
            return lang.pick("状态 0（可能是草稿）", "status 0 (probably a draft)");
        }
        return lang.pick("状态 ", "status ") + status;
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
