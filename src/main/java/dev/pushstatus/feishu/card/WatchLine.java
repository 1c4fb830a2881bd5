package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.RefreshButton;
import dev.pushstatus.bot.WatchButton;
import dev.pushstatus.bot.WatchView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a watched card adds to the status card: a line under the headline (live until when and
 * how often it is checked; final and why; or why no watch started), a tag in the header, and its
 * buttons (Stop on a live card, Watch again on a final one; Refresh always).
 */
final class WatchLine {

    static final CardParts.Tag LIVE_TAG = new CardParts.Tag("实时更新", "Live", "red");
    static final CardParts.Tag FINAL_TAG = new CardParts.Tag("已停止更新", "Final", "neutral");

    private final Texts texts;

    WatchLine(Texts texts) {
        this.texts = texts;
    }

    /** The line under the headline. */
    String markdown(WatchView view, Instant now, Lang lang) {
        return view.accept(new WatchView.Cases<>() {
            @Override
            public String live(WatchView.Live live) {
                return lang.pick("🔴 **实时更新中**：每 " + minutes(live.every(), lang) + "检查一次，数字变化时自动更新，持续到 "
                                + texts.clock(live.until()) + Texts.bracket(Texts.relative(live.until(), now, lang), lang)
                                + "。最后检查于 " + texts.clock(live.checkedAt()) + "。",
                        "🔴 **Live**: checked every " + minutes(live.every(), lang) + " and updated when the numbers "
                                + "change, until " + texts.clock(live.until())
                                + Texts.bracket(Texts.relative(live.until(), now, lang), lang) + ". Last checked "
                                + texts.clock(live.checkedAt()) + ".");
            }

            @Override
            public String ended(WatchView.Ended ended) {
                String at = texts.clock(ended.at());
                return switch (ended.ending()) {
                    case EXPIRED -> lang.pick("⏹ **最终数据**，截至 " + at + "：关注时间已到。",
                            "⏹ **Final as of " + at + "**: the watch's time is up.");
                    case STOPPED -> lang.pick("⏹ **已停止更新**：" + at + " 有人在卡片上点了“停止更新”。数字停在此刻。",
                            "⏹ **Stopped** at " + at + ": someone pressed Stop on this card. The numbers stay as of then.");
                    case SETTLED -> lang.pick("⏹ **最终数据**，截至 " + at + "：已送达所有人，且阅读数一小时未变。",
                            "⏹ **Final as of " + at + "**: delivered to everyone, and the read count stood still for an hour.");
                    case GONE -> lang.pick("⏹ **已停止更新**：" + at + " 起找不到这条推送。",
                            "⏹ **No longer found** at " + at + ": the watch ended.");
                    case CARD_GONE -> lang.pick("⏹ **已停止更新**：卡片已无法更新。",
                            "⏹ **Stopped**: the card can no longer be updated.");
                };
            }

            @Override
            public String refused(WatchView.Refused refused) {
                return switch (refused.why()) {
                    case TOO_MANY -> lang.pick("⚠️ **未开始实时更新**：已有 " + refused.limit()
                                    + " 个实时更新在运行（上限）。请稍后再试，或停止一个不再需要的。",
                            "⚠️ **Not watching**: " + refused.limit() + " watches are running, the most at once. "
                                    + "Try again later, or stop one you no longer need.");
                    case TOO_MANY_IN_CHAT -> lang.pick("⚠️ **未开始实时更新**：本会话已有 " + refused.limit()
                                    + " 个实时更新在运行。请先停止其中一个。",
                            "⚠️ **Not watching**: this chat has " + refused.limit() + " watches running already. "
                                    + "Stop one of them first.");
                    case STORE_UNAVAILABLE -> lang.pick("⚠️ **未开始实时更新**：暂时无法保存实时更新。请一分钟后再试。",
                            "⚠️ **Not watching**: watches cannot be kept right now. Try again in a minute.");
                };
            }
        });
    }

    /** The header tag: live or final; none for a refusal. */
    List<CardParts.Tag> tags(WatchView view) {
        return view.accept(new WatchView.Cases<>() {
            @Override
            public List<CardParts.Tag> live(WatchView.Live live) {
                return List.of(LIVE_TAG);
            }

            @Override
            public List<CardParts.Tag> ended(WatchView.Ended ended) {
                return List.of(FINAL_TAG);
            }

            @Override
            public List<CardParts.Tag> refused(WatchView.Refused refused) {
                return List.of();
            }
        });
    }

    /** Refresh always; Stop while live; Watch again once final, unless the notification is gone. */
    static List<ObjectNode> buttons(String notificationId, WatchView view, Lang lang) {
        List<ObjectNode> buttons = new ArrayList<>();
        buttons.add(CardParts.callbackButton(lang.pick("刷新", "Refresh"), "primary",
                new RefreshButton(notificationId).value()));
        view.accept(new WatchView.Cases<Void>() {
            @Override
            public Void live(WatchView.Live live) {
                buttons.add(CardParts.callbackButton(lang.pick("停止更新", "Stop"), "danger",
                        new WatchButton.Stop(notificationId).value()));
                return null;
            }

            @Override
            public Void ended(WatchView.Ended ended) {
                if (ended.ending() != WatchView.Ending.GONE && ended.ending() != WatchView.Ending.CARD_GONE) {
                    buttons.add(CardParts.callbackButton(lang.pick("重新开始实时更新", "Watch again"), "default",
                            new WatchButton.Again(notificationId).value()));
                }
                return null;
            }

            @Override
            public Void refused(WatchView.Refused refused) {
                return null;
            }
        });
        return buttons;
    }

    /** The final card of a watch whose notification is gone: the not-found card and the line. */
    static void appendTo(ObjectNode card, String markdownByZh, String markdownByEn) {
        ObjectNode i18n = (ObjectNode) card.get("i18n_elements");
        ((ArrayNode) i18n.get(Lang.ZH.key())).add(CardParts.markdown(markdownByZh));
        ((ArrayNode) i18n.get(Lang.EN.key())).add(CardParts.markdown(markdownByEn));
    }

    private static String minutes(Duration every, Lang lang) {
        long seconds = every.toSeconds();
        if (seconds % 60 != 0) {
            return seconds + lang.pick(" 秒", " s");
        }
        return seconds / 60 + lang.pick(" 分钟", " min");
    }
}
