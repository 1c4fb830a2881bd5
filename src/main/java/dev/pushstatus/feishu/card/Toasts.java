package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.ClickAnswer;
import dev.pushstatus.bot.LookupResult;

/** The short message Feishu shows after a button click, in both languages. */
final class Toasts {

    private final Texts texts;

    Toasts(Texts texts) {
        this.texts = texts;
    }

    /**
     * The toast object of a callback answer. Always type {@code info}: it is the only type seen
     * in Feishu's own samples, and an unknown type could make Feishu drop the whole answer.
     */
    ObjectNode toast(ClickAnswer answer) {
        ObjectNode toast = JsonNodeFactory.instance.objectNode().put("type", "info");
        toast.put("content", text(answer, Lang.EN));
        ObjectNode i18n = toast.putObject("i18n");
        for (Lang lang : Lang.values()) {
            i18n.put(lang.key(), text(answer, lang));
        }
        return toast;
    }

    private String text(ClickAnswer answer, Lang lang) {
        return answer.accept(new ClickAnswer.Cases<>() {
            @Override
            public String refreshed(ClickAnswer.Refreshed refreshed) {
                String at = texts.clock(refreshed.found().fetchedAt());
                return lang.pick("已刷新，数据获取于 " + at, "Refreshed: numbers as of " + at);
            }

            @Override
            public String refreshFailed(ClickAnswer.RefreshFailed failed) {
                return failed.failure().accept(new FailureText(lang));
            }

            @Override
            public String notAllowed(ClickAnswer.NotAllowed notAllowed) {
                return lang.pick("你无权使用此机器人", "You are not allowed to use this bot");
            }

            @Override
            public String unknownButton(ClickAnswer.UnknownButton unknownButton) {
                return lang.pick("这个按钮已失效，请重新发送命令", "This button no longer works; send the command again");
            }

            @Override
            public String busy(ClickAnswer.Busy busy) {
                return lang.pick("机器人正忙，请稍后再点一次", "The bot is busy; click again in a moment");
            }
        });
    }

    /** Why a refresh failed, in one line. */
    private record FailureText(Lang lang) implements LookupResult.FailureCases<String> {
        @Override
        public String notFound(LookupResult.NotFound notFound) {
            return lang.pick("刷新失败：找不到这条推送了", "Not refreshed: the notification is no longer found");
        }

        @Override
        public String forbidden(LookupResult.Forbidden forbidden) {
            return lang.pick("刷新失败：机器人无权读取服务台（错误码 " + forbidden.code() + "）",
                    "Not refreshed: the bot may not read the helpdesk (code " + forbidden.code() + ")");
        }

        @Override
        public String rateLimited(LookupResult.RateLimited limited) {
            long seconds = Texts.secondsToWait(limited.retryAfter());
            return lang.pick("查询太频繁，请 " + seconds + " 秒后再刷新", "Busy: refresh again in " + seconds + " s");
        }

        @Override
        public String unavailable(LookupResult.Unavailable unavailable) {
            String errorId = unavailable.errorId();
            if (unavailable.malformed()) {
                return lang.pick("飞书的应答无法读取，请稍后重试（错误 ID " + errorId + "）",
                        "Feishu's answer could not be read; try again later (error id " + errorId + ")");
            }
            return lang.pick("飞书未响应，请重试（错误 ID " + errorId + "）", "Feishu did not answer; try again (error id " + errorId + ")");
        }
    }
}
