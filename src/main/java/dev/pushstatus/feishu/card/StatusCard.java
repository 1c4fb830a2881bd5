package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Notification;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The card for a found notification: status, schedule, scope and delivery counts. */
final class StatusCard {

    /** Names listed per kind before "+N more"; keeps the card far below Feishu's 30 KB limit. */
    static final int NAMES_SHOWN = 5;
    static final int NAME_CHARS = 40;
    static final int TITLE_CHARS = 100;

    private final Texts texts;

    StatusCard(Texts texts) {
        this.texts = texts;
    }

    ObjectNode render(LookupResult.Found found) {
        Notification n = found.notification();
        Map<Lang, String> title = new EnumMap<>(Lang.class);
        Map<Lang, ArrayNode> elements = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            title.put(lang, n.jobName() == null || n.jobName().isBlank()
                    ? lang.pick("推送 ", "Push ") + n.id()
                    : Markdown.truncate(n.jobName(), TITLE_CHARS));
            elements.put(lang, body(n, found, lang));
        }
        return CardParts.card(colour(n), title, elements);
    }

    private ArrayNode body(Notification n, LookupResult.Found found, Lang lang) {
        ArrayNode elements = CardParts.elements();
        elements.add(CardParts.fields(List.of(
                new String[] {lang.pick("状态", "Status"), texts.status(n.status(), lang)},
                new String[] {lang.pick("推送类型", "Push type"), Texts.pushType(n.pushType(), lang)},
                new String[] {lang.pick("推送范围", "Scope"), Texts.scope(n.pushScopeType(), n.newStaffScopeType(), lang)},
                new String[] {lang.pick("推送时间", "Send time"),
                        n.sendAt() == null ? lang.pick("未设定", "not scheduled") : texts.time(n.sendAt())})));
        elements.add(CardParts.fields(List.of(
                new String[] {lang.pick("目标人数", "Target"), Texts.count(n.targetCount())},
                new String[] {lang.pick("已推送", "Sent"), Texts.count(n.sentCount()) + percent(n.sentCount(), n.targetCount())},
                new String[] {lang.pick("已读", "Read"), Texts.count(n.readCount()) + percent(n.readCount(), n.sentCount())})));
        String recipients = recipients(n, lang);
        if (!recipients.isEmpty()) {
            elements.add(CardParts.markdownDiv(recipients));
        }
        elements.add(CardParts.divider());
        elements.add(CardParts.note(footer(n, found, lang)));
        return elements;
    }

    private String footer(Notification n, LookupResult.Found found, Lang lang) {
        StringBuilder note = new StringBuilder("ID ").append(n.id());
        if (n.createdAt() != null) {
            note.append(" · ").append(lang.pick("创建于 ", "created ")).append(texts.time(n.createdAt()));
            if (n.createdBy() != null && n.createdBy().name() != null) {
                note.append(lang.pick("，创建人 ", " by ")).append(Markdown.truncate(n.createdBy().name(), NAME_CHARS));
            }
        }
        note.append(" · ").append(lang.pick("数据获取于 ", "fetched ")).append(texts.time(found.fetchedAt()));
        return note.toString();
    }

    private static String recipients(Notification n, Lang lang) {
        List<String> lines = new ArrayList<>();
        addLine(lines, lang.pick("成员", "Users"), n.users(), Notification.Person::name, lang);
        addLine(lines, lang.pick("部门", "Departments"), n.departments(), Notification.Department::name, lang);
        if (Integer.valueOf(1).equals(n.pushType())) {
            // The new-staff department list only applies to onboarding pushes (push_type 1).
            addLine(lines, lang.pick("新人部门", "New-staff departments"), n.newStaffDepartments(),
                    Notification.Department::name, lang);
        }
        addLine(lines, lang.pick("群聊", "Chats"), n.chats(), Notification.Chat::name, lang);
        return String.join("\n", lines);
    }

    private static <T> void addLine(List<String> lines, String label, List<T> items, Function<T, String> name, Lang lang) {
        if (items.isEmpty()) {
            return;
        }
        List<String> shown = items.stream().limit(NAMES_SHOWN)
                .map(item -> Markdown.escape(name.apply(item) == null ? "?" : name.apply(item), NAME_CHARS))
                .toList();
        String more = items.size() > NAMES_SHOWN ? lang.pick(" 等 +", " +") + (items.size() - NAMES_SHOWN)
                + lang.pick("", " more") : "";
        lines.add("**" + label + "** (" + items.size() + "): " + String.join(lang.pick("、", ", "), shown) + more);
    }

    /** " (42%)" of part over whole; nothing when either is unknown or the whole is 0. */
    private static String percent(Integer part, Integer whole) {
        if (part == null || whole == null || whole <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * part / whole));
    }

    /** Colour by delivery progress, the one thing the counts tell for sure. */
    private static String colour(Notification n) {
        Integer target = n.targetCount();
        Integer sent = n.sentCount();
        if (target != null && sent != null && target > 0 && sent >= target) {
            return "green";
        }
        if (sent != null && sent > 0) {
            return "blue";
        }
        return "grey";
    }
}
