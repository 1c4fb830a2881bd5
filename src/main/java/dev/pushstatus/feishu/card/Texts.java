package dev.pushstatus.feishu.card;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The formatting of values on the cards, per language: times (absolute in the configured zone,
 * relative in the largest sensible unit), counts, percentages, and the raw status.
 *
 * <p>Chinese text uses full-width brackets, colons and commas around words, and no space
 * before them ("14:57 CST（3 小时后）"); digits, times and ids keep their ASCII forms.
 */
final class Texts {

    /** Shown for a value Feishu left out: said as absent, never a made-up 0. */
    static String absent(Lang lang) {
        return lang.pick("未提供", "not reported");
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss zzz", Locale.ENGLISH);
    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;

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
        return time.format(instant);
    }

    /** {@code 2021-07-15 14:57 CST (3 h ago)}; in Chinese {@code 2021-07-15 14:57 CST（3 小时前）}. */
    String timeAndAge(Instant instant, Instant now, Lang lang) {
        return time(instant) + bracket(relative(instant, now, lang), lang);
    }

    /** {@code 15:30:05 CST}: when numbers were fetched, to the second. */
    String clock(Instant instant) {
        return clock.format(instant);
    }

    /** " (x)" in English, "（x）" in Chinese. */
    static String bracket(String inside, Lang lang) {
        return lang.pick("（" + inside + "）", " (" + inside + ")");
    }

    /**
     * "in 3 h", "2 d ago", "5 y ago", "just now": in the largest unit that still says something
     * (minutes below an hour, hours below two days, days below two months, months below two
     * years, then years), rounded down, so "in 3 h" is never more than 3 h away.
     */
    static String relative(Instant when, Instant now, Lang lang) {
        Duration gap = Duration.between(now, when);
        boolean future = !gap.isNegative();
        long seconds = Math.abs(gap.getSeconds());
        if (seconds < MINUTE) {
            return lang.pick("刚刚", "just now");
        }
        String amount;
        if (seconds < HOUR) {
            amount = seconds / MINUTE + lang.pick(" 分钟", " min");
        } else if (seconds < 48 * HOUR) {
            amount = seconds / HOUR + lang.pick(" 小时", " h");
        } else if (seconds < 60 * DAY) {
            amount = seconds / DAY + lang.pick(" 天", " d");
        } else if (seconds < 730 * DAY) {
            amount = seconds / (30 * DAY) + lang.pick(" 个月", " mo");
        } else {
            amount = seconds / (365 * DAY) + lang.pick(" 年", " y");
        }
        return future ? lang.pick(amount + "后", "in " + amount) : lang.pick(amount + "前", amount + " ago");
    }

    /** Whole seconds, rounded up: advice to retry a moment too early would just be refused again. */
    static long secondsToWait(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /**
     * A count as the language writes it: both en-US and zh-CN group thousands with a comma (CLDR;
     * a test holds this to the JDK's own formats). By hand, because {@code String.format("%,d")}
     * built its symbols on every call and was 44 % of rendering a card (docs/benchmarks.md).
     */
    static String number(long n, Lang lang) {
        return grouped(n);
    }

    /** {@code 1234567} as {@code 1,234,567}. */
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

    /**
     * "60%" of part over whole; empty when either is unknown or the whole is not positive. Never
     * rounds a short count up to 100 % or a non-zero one down to 0 %: "99%" and "<1%" instead,
     * so the words never claim more (or less) than happened.
     */
    static String percent(Integer part, Integer whole) {
        if (part == null || whole == null || whole <= 0) {
            return "";
        }
        long rounded = Math.round(100.0 * part / whole);
        if (rounded >= 100 && part < whole) {
            rounded = 99;
        } else if (rounded <= 0 && part > 0) {
            return "<1%";
        }
        return rounded + "%";
    }

    /**
     * The status integer, as a detail: an operator's label ({@code BOT_STATUS_LABELS}) with the
     * number, or just the number. Feishu documents no meaning for any value, so none is guessed.
     */
    /** Whether the operator named this status value. */
    boolean labelled(Integer status) {
        return statusLabels.containsKey(status);
    }

    String status(Integer status, Lang lang) {
        if (status == null) {
            return absent(lang);
        }
        String label = statusLabels.get(status);
        if (label != null) {
            return Markdown.escape(label, 40) + bracket(lang.pick("状态 ", "status ") + status, lang);
        }
        return lang.pick("状态 ", "status ") + status;
    }
}
