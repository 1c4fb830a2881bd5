package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.ClickAnswer;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.WatchView;

/**
 * The short message Feishu shows after a button click, typed by outcome (success, warning for
 * what passes by itself, error for what needs someone to act), in both languages, each in one
 * style: what happened, a colon, what to do next.
 */
final class Toasts {

    /** A toast's type and words. */
    record Toast(String type, String zh, String en) {
        String text(Lang lang) {
            return lang.pick(zh, en);
        }
    }

    static final String SUCCESS = "success";
    static final String WARNING = "warning";
    static final String ERROR = "error";

    private final Texts texts;

    Toasts(Texts texts) {
        this.texts = texts;
    }

    /** The toast object of a callback answer. */
    ObjectNode toast(ClickAnswer answer) {
        Toast toast = of(answer);
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("type", toast.type());
        node.put("content", toast.text(Lang.EN));
        ObjectNode i18n = node.putObject("i18n");
        for (Lang lang : Lang.values()) {
            i18n.put(lang.key(), toast.text(lang));
        }
        return node;
    }

    Toast of(ClickAnswer answer) {
        return answer.accept(new ClickAnswer.Cases<>() {
            @Override
            public Toast refreshed(ClickAnswer.Refreshed refreshed) {
                String at = texts.clock(refreshed.found().fetchedAt());
                if (refreshed.found().stale()) {
                    return new Toast(WARNING, "仍是旧数据（获取于 " + at + "）：飞书暂时没有应答，请稍后再刷新。",
                            "Still the numbers from " + at + ": Feishu did not answer; refresh again in a minute.");
                }
                return new Toast(SUCCESS, "已刷新：数据截至 " + at + "。", "Refreshed: numbers as of " + at + ".");
            }

            @Override
            public Toast refreshFailed(ClickAnswer.RefreshFailed failed) {
                return failed.failure().accept(new FailureToast());
            }

            @Override
            public Toast watching(ClickAnswer.Watching watching) {
                return watching.view().accept(new WatchView.Cases<>() {
                    @Override
                    public Toast live(WatchView.Live live) {
                        String until = texts.clock(live.until());
                        return new Toast(SUCCESS, "已重新开始实时更新：持续到 " + until + "。",
                                "Watching again: the card updates itself until " + until + ".");
                    }

                    @Override
                    public Toast ended(WatchView.Ended ended) {
                        return new Toast(SUCCESS, "已停止更新：卡片保留最后的数据，可随时点“重新开始实时更新”。",
                                "Stopped: the card keeps its last numbers; press Watch again any time.");
                    }

                    @Override
                    public Toast refused(WatchView.Refused refused) {
                        return switch (refused.why()) {
                            case TOO_MANY -> new Toast(WARNING, "未开始实时更新：已有 " + refused.limit() + " 个在运行，请稍后再试。",
                                    "Not watching: " + refused.limit() + " watches are running; try again later.");
                            case TOO_MANY_IN_CHAT -> new Toast(WARNING, "未开始实时更新：本会话已有 " + refused.limit()
                                    + " 个在运行，请先停止一个。",
                                    "Not watching: this chat has " + refused.limit() + " running; stop one first.");
                            case STORE_UNAVAILABLE -> new Toast(WARNING, "未开始实时更新：暂时无法保存，请一分钟后再试。",
                                    "Not watching: watches cannot be kept right now; try again in a minute.");
                        };
                    }
                });
            }

            @Override
            public Toast notAllowed(ClickAnswer.NotAllowed notAllowed) {
                return new Toast(ERROR, "你不在此机器人的允许名单中：请联系管理员添加。",
                        "You are not on this bot's allowlist: ask its operator to add you.");
            }

            @Override
            public Toast unknownButton(ClickAnswer.UnknownButton unknownButton) {
                return new Toast(WARNING, "这个按钮来自旧卡片：请重新发送 /push-status 命令。",
                        "This button is from an old card: send the /push-status command again.");
            }

            @Override
            public Toast busy(ClickAnswer.Busy busy) {
                return new Toast(WARNING, "机器人正忙：请几秒后再点一次刷新。",
                        "The bot is busy: click Refresh again in a few seconds.");
            }
        });
    }

    /** Why a refresh failed, and what to do. */
    private static final class FailureToast implements LookupResult.FailureCases<Toast> {
        @Override
        public Toast notFound(LookupResult.NotFound notFound) {
            return new Toast(ERROR, "未刷新：找不到这条推送了，请在服务台的推送列表中核对 ID。",
                    "Not refreshed: the notification is gone; check its id in the helpdesk's push list.");
        }

        @Override
        public Toast forbidden(LookupResult.Forbidden forbidden) {
            return new Toast(ERROR, "未刷新：机器人无权读取服务台（错误码 " + forbidden.code() + "），请管理员检查服务台凭据和权限。",
                    "Not refreshed: the bot may not read the helpdesk (code " + forbidden.code()
                            + "); ask its operator to check the helpdesk credentials and scope.");
        }

        @Override
        public Toast rateLimited(LookupResult.RateLimited limited) {
            long seconds = Texts.secondsToWait(limited.retryAfter());
            return new Toast(WARNING, "飞书繁忙：请 " + seconds + " 秒后再刷新。", "Feishu is busy: refresh again in " + seconds + " s.");
        }

        @Override
        public Toast unavailable(LookupResult.Unavailable unavailable) {
            String errorId = unavailable.errorId();
            if (unavailable.malformed()) {
                return new Toast(ERROR, "未刷新：飞书的应答无法读取（错误 ID " + errorId + "），请稍后重试，反复出现请把错误 ID 告诉管理员。",
                        "Not refreshed: Feishu's answer could not be read (error id " + errorId
                                + "); try again later, and if it keeps failing give the operator the error id.");
            }
            return new Toast(ERROR, "未刷新：飞书未响应（错误 ID " + errorId + "），请稍后重试，反复出现请把错误 ID 告诉管理员。",
                    "Not refreshed: Feishu did not answer (error id " + errorId
                            + "); try again in a minute, and if it keeps failing give the operator the error id.");
        }
    }
}
