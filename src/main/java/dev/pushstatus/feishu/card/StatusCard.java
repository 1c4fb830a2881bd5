package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.RefreshButton;
import dev.pushstatus.bot.WatchView;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The card for a found notification, top to bottom: the stage in the header (colour and tag),
 * the headline that answers "how is my push doing?", the funnel as a chart and one row of
 * numbers, who it goes to in one line, the details folded away, the buttons, and when the
 * numbers were fetched. A stale copy says so in its header as well as above the headline.
 */
final class StatusCard {

    /** Where an approval link may lead. */
    static final java.util.Set<String> APPLINK_HOSTS = java.util.Set.of("applink.feishu.cn", "applink.larksuite.com");
    static final int NAME_CHARS = Audience.NAME_CHARS;
    static final int TITLE_CHARS = 100;
    /** The header colour of a stale copy: muted, whatever its stage, so old numbers never look current. */
    static final String STALE_TEMPLATE = "grey";
    static final CardParts.Tag STALE_TAG = new CardParts.Tag("旧数据", "Stale copy", "orange");

    private final Texts texts;
    private final Headline headline;
    private final WatchLine watchLine;
    private final Clock clock;

    StatusCard(Texts texts, Clock clock) {
        this.texts = texts;
        this.headline = new Headline(texts);
        this.watchLine = new WatchLine(texts);
        this.clock = clock;
    }

    ObjectNode render(LookupResult.Found found) {
        return render(found, null);
    }

    /** The status card; with {@code watch}, also what its watch says and does (live, final, refused). */
    ObjectNode render(LookupResult.Found found, @Nullable WatchView watch) {
        Notification n = found.notification();
        Instant now = clock.instant();
        Stage stage = Stage.of(n, now);
        Map<Lang, String> title = new EnumMap<>(Lang.class);
        Map<Lang, String> subtitle = new EnumMap<>(Lang.class);
        Map<Lang, ArrayNode> elements = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            String name = Markdown.plain(n.jobName(), TITLE_CHARS);
            title.put(lang, Markdown.isVisible(name) ? name : lang.pick("推送 ", "Push ") + n.id());
            subtitle.put(lang, "ID " + n.id() + (found.stale()
                    ? lang.pick(" · 旧数据，获取于 ", " · stale copy from ") + texts.clock(found.fetchedAt()) : ""));
            elements.put(lang, body(n, found, stage, now, lang, watch));
        }
        List<CardParts.Tag> tags = new ArrayList<>();
        tags.add(new CardParts.Tag(stage.word(Lang.ZH), stage.word(Lang.EN), stage.tagColor()));
        if (found.stale()) {
            tags.add(STALE_TAG);
        }
        if (watch != null) {
            tags.addAll(watchLine.tags(watch));
        }
        return CardParts.card(found.stale() ? STALE_TEMPLATE : stage.template(), title, subtitle, tags, elements);
    }

    private ArrayNode body(Notification n, LookupResult.Found found, Stage stage, Instant now, Lang lang,
                           @Nullable WatchView watch) {
        ArrayNode elements = CardParts.elements();
        if (found.stale()) {
            elements.add(CardParts.markdown(staleWarning(found, now, lang)));
        }
        elements.add(CardParts.markdown(headline.markdown(n, stage, now, lang)));
        if (watch != null) {
            elements.add(CardParts.markdown(watchLine.markdown(watch, now, lang)));
        }
        Funnel.chart(n, lang).ifPresent(elements::add);
        elements.add(Funnel.numbers(n, lang));
        elements.add(CardParts.divider());
        elements.add(CardParts.markdown(Audience.summary(n, lang)));
        elements.add(details(n, now, lang));
        elements.add(buttons(n, lang, watch));
        elements.add(CardParts.note(lang.pick("数据获取于 ", "Numbers fetched ") + texts.clock(found.fetchedAt())
                + Texts.bracket(Texts.relative(found.fetchedAt(), now, lang), lang)));
        return elements;
    }

    /** Who exactly, the raw status, created and updated: folded away, one markdown block. */
    private ObjectNode details(Notification n, Instant now, Lang lang) {
        List<String> lines = new ArrayList<>(Audience.lists(n, lang));
        lines.add("**" + lang.pick("状态值", "Status") + "** " + (n.status() != null && !texts.labelled(n.status())
                ? n.status() + lang.pick("（飞书未公开其含义）", " (Feishu does not document its meaning)")
                : texts.status(n.status(), lang)));
        lines.add(made(n, now, lang));
        ArrayNode inside = CardParts.elements();
        inside.add(CardParts.markdown(String.join("\n", lines)));
        return CardParts.collapsible(lang.pick("**详情**：名单、状态值、创建与更新", "**Details**: names, status, created and updated"),
                inside);
    }

    /** Created and updated in one line; "not changed since" when the update is the creation. */
    private String made(Notification n, Instant now, Lang lang) {
        if (n.createdAt() == null && n.createdBy() == null && n.updatedAt() == null && n.updatedBy() == null) {
            return "**" + lang.pick("创建与更新", "Created and updated") + "** " + Texts.absent(lang);
        }
        String created = "**" + lang.pick("创建", "Created") + "** " + when(n.createdAt(), now, lang)
                + by(n.createdBy(), "，创建人 ", lang);
        if (n.updatedAt() == null && n.updatedBy() == null) {
            return created; // no word on updates: claim neither a change nor its absence
        }
        if (n.updatedAt() != null && n.updatedAt().equals(n.createdAt()) && samePerson(n.createdBy(), n.updatedBy())) {
            return created + lang.pick("，此后未修改", "; not changed since");
        }
        return created + lang.pick("；**更新** ", "; **updated** ") + when(n.updatedAt(), now, lang) + by(n.updatedBy(), "，更新人 ", lang);
    }

    private String when(Instant at, Instant now, Lang lang) {
        return at == null ? lang.pick("时间未提供", "at a time not reported") : texts.timeAndAge(at, now, lang);
    }

    private static String by(Notification.Person person, String zhRole, Lang lang) {
        if (person == null || person.name() == null || !Markdown.isVisible(person.name())) {
            return "";
        }
        return lang.pick(zhRole, " by ") + Markdown.escape(person.name(), NAME_CHARS);
    }

    private static boolean samePerson(Notification.Person a, Notification.Person b) {
        if (a == null || b == null) {
            return a == b;
        }
        return java.util.Objects.equals(a.openId(), b.openId()) && java.util.Objects.equals(a.name(), b.name());
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
        String age = texts.clock(found.fetchedAt()) + Texts.bracket(Texts.relative(found.fetchedAt(), now, lang), lang);
        return "⚠️ " + why + lang.pick("：以下是 " + age + "的数据", ": these numbers are from " + age);
    }

    private static ObjectNode buttons(Notification n, Lang lang, @Nullable WatchView watch) {
        List<ObjectNode> buttons = new ArrayList<>();
        if (watch == null) {
            buttons.add(CardParts.callbackButton(lang.pick("刷新", "Refresh"), "primary", new RefreshButton(n.id()).value()));
        } else {
            buttons.addAll(WatchLine.buttons(n.id(), watch, lang));
        }
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
}
