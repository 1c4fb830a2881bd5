package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Shortlist;
import dev.pushstatus.bot.RefreshButton;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The card for a found notification, top to bottom: what it is and how far it got (status,
 * type, scope, send time), the delivery funnel, who it goes to, who made it, and buttons.
 */
final class StatusCard {

    /** Names listed per kind before "+N more"; with the cuts below the card stays far under 30 KB. */
    static final int NAMES_SHOWN = 5;
    /** Where an approval link may lead. */
    static final java.util.Set<String> APPLINK_HOSTS = java.util.Set.of("applink.feishu.cn", "applink.larksuite.com");
    static final int NAME_CHARS = 40;
    static final int TITLE_CHARS = 100;

    private final Texts texts;
    private final Clock clock;

    StatusCard(Texts texts, Clock clock) {
        this.texts = texts;
        this.clock = clock;
    }

    ObjectNode render(LookupResult.Found found) {
        Notification n = found.notification();
        Instant now = clock.instant();
        Progress progress = Progress.of(n, now);
        Map<Lang, String> title = new EnumMap<>(Lang.class);
        Map<Lang, ArrayNode> elements = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            String name = Markdown.plain(n.jobName(), TITLE_CHARS);
            title.put(lang, Markdown.isVisible(name) ? name : lang.pick("推送 ", "Push ") + n.id());
            elements.put(lang, body(n, found, progress, now, lang));
        }
        return CardParts.card(progress.template(), title, CardParts.everyLanguage("ID " + n.id()), elements);
    }

    private ArrayNode body(Notification n, LookupResult.Found found, Progress progress, Instant now, Lang lang) {
        ArrayNode elements = CardParts.elements();
        if (found.stale()) {
            elements.add(CardParts.markdownDiv(staleWarning(found, now, lang)));
        }
        elements.add(CardParts.fields(List.of(
                new String[] {lang.pick("状态", "Status"), texts.status(n.status(), progress, lang) + "\n" + progress.words(lang)},
                new String[] {lang.pick("推送时间", "Send time"),
                        n.sendAt() == null ? lang.pick("未设定", "not scheduled") : texts.timeAndAge(n.sendAt(), now, lang)},
                new String[] {lang.pick("推送类型", "Push type"), Texts.pushType(n.pushType(), lang)},
                new String[] {lang.pick("推送范围", "Scope"), Texts.scope(n.pushScopeType(), n.newStaffScopeType(), lang)})));
        elements.add(CardParts.divider());
        elements.add(funnel(n, lang));
        String recipients = recipients(n, lang);
        if (!recipients.isEmpty()) {
            elements.add(CardParts.markdownDiv(recipients));
        }
        elements.add(CardParts.divider());
        elements.add(CardParts.fields(List.of(
                new String[] {lang.pick("创建", "Created"), made(n.createdAt(), n.createdBy(), now, lang)},
                new String[] {lang.pick("更新", "Updated"), made(n.updatedAt(), n.updatedBy(), now, lang)})));
        elements.add(buttons(n, lang));
        elements.add(CardParts.note(lang.pick("数据获取于 ", "Numbers fetched ") + texts.clock(found.fetchedAt())
                + " (" + Texts.relative(found.fetchedAt(), now, lang) + ")"));
        return elements;
    }

    /** Says why these numbers are old and how old: the card stands in for a failed lookup. */
    private String staleWarning(LookupResult.Found found, Instant now, Lang lang) {
        LookupResult.Failure because = found.staleBecause();
        String why = because == null ? lang.pick("**暂时无法获取最新数据**", "**Fresh numbers are not available**")
                : because.accept(new LookupResult.FailureCases<>() {
                    @Override
                    public String rateLimited(LookupResult.RateLimited limited) {
                        long seconds = Texts.secondsToWait(limited.retryAfter());
                        return lang.pick("**飞书繁忙**（" + seconds + " 秒后可重试）",
                                "**Feishu is busy** (try again in " + seconds + " s)");
                    }

                    @Override
                    public String unavailable(LookupResult.Unavailable unavailable) {
                        return unavailable.malformed()
                                ? lang.pick("**飞书的应答无法读取**（错误 ID " + unavailable.errorId() + "）",
                                        "**Feishu's answer could not be read** (error id " + unavailable.errorId() + ")")
                                : lang.pick("**飞书未响应**（错误 ID " + unavailable.errorId() + "）",
                                        "**Feishu did not answer** (error id " + unavailable.errorId() + ")");
                    }

                    // Only passing failures put a stale copy on a card; the rest say what little is known.
                    @Override
                    public String notFound(LookupResult.NotFound notFound) {
                        return lang.pick("**暂时无法获取最新数据**", "**Fresh numbers are not available**");
                    }

                    @Override
                    public String forbidden(LookupResult.Forbidden forbidden) {
                        return lang.pick("**暂时无法获取最新数据**", "**Fresh numbers are not available**");
                    }
                });
        String age = texts.clock(found.fetchedAt()) + " (" + Texts.relative(found.fetchedAt(), now, lang) + ")";
        return "⚠️ " + why + lang.pick("：以下是 " + age + " 的数据", ": these numbers are from " + age);
    }

    /** Target, sent and read, each stage as a share of the one before. */
    private static ObjectNode funnel(Notification n, Lang lang) {
        return CardParts.fields(List.of(
                new String[] {lang.pick("目标人数", "Target"), Texts.count(n.targetCount())},
                new String[] {lang.pick("已发送", "Sent"),
                        stage(n.sentCount(), n.targetCount(), lang, "占目标 ", " of target")},
                new String[] {lang.pick("已读", "Read"),
                        stage(n.readCount(), n.sentCount(), lang, "占已发送 ", " of sent")}));
    }

    private static String stage(Integer part, Integer whole, Lang lang, String zhBefore, String enAfter) {
        String percent = Texts.percent(part, whole);
        if (percent.isEmpty()) {
            return Texts.count(part);
        }
        return Texts.count(part) + "\n" + Texts.bar(part, whole) + " " + lang.pick(zhBefore + percent, percent + enAfter);
    }

    private String made(Instant at, Notification.Person by, Instant now, Lang lang) {
        String when = texts.timeAndAge(at, now, lang);
        if (by == null || by.name() == null || by.name().isBlank()) {
            return when;
        }
        return when + "\n" + lang.pick("由 ", "by ") + Markdown.escape(by.name(), NAME_CHARS);
    }

    private static ObjectNode buttons(Notification n, Lang lang) {
        List<ObjectNode> buttons = new ArrayList<>();
        buttons.add(CardParts.callbackButton(lang.pick("刷新", "Refresh"), "primary", new RefreshButton(n.id()).value()));
        if (isWebLink(n.approvalAppLink())) {
            buttons.add(CardParts.linkButton(lang.pick("查看审批", "Open approval"), n.approvalAppLink().strip()));
        }
        return CardParts.actions(buttons);
    }

    /**
     * Only links to Feishu's or Lark's applink host become buttons: the link is untrusted text
     * from the notification, and a button is a click away from a phishing page. No user info
     * ({@code https://applink.feishu.cn@evil.example/} goes to evil.example) and no other port.
     */
    static boolean isWebLink(String link) {
        if (link == null || link.isBlank() || link.length() > Notification.MAX_LINK) {
            return false;
        }
        try {
            URI uri = new URI(link.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http"))
                    && APPLINK_HOSTS.contains(host)
                    && uri.getRawUserInfo() == null
                    && uri.getPort() == -1;
        } catch (java.net.URISyntaxException notAUri) {
            return false;
        }
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

    private static <T> void addLine(List<String> lines, String label, Shortlist<T> items, Function<T, String> name,
                                    Lang lang) {
        if (items.isEmpty()) {
            return;
        }
        List<String> shown = items.first().stream().limit(NAMES_SHOWN)
                .map(item -> Markdown.escape(name.apply(item) == null ? "?" : name.apply(item), NAME_CHARS))
                .toList();
        int more = items.total() - shown.size();
        String andMore = more > 0 ? lang.pick(" 等 +", " +") + Texts.grouped(more) + lang.pick("", " more") : "";
        lines.add("**" + label + "** (" + Texts.grouped(items.total()) + "): "
                + String.join(lang.pick("、", ", "), shown) + andMore);
    }
}
