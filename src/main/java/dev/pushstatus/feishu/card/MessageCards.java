package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.Command;
import dev.pushstatus.bot.CommandRegistry;
import dev.pushstatus.bot.CommandSpec;
import dev.pushstatus.bot.LookupResult;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** Help, usage, refusal and error cards: one look, and each says what to do next. */
final class MessageCards {

    private MessageCards() {
    }

    static ObjectNode help(CommandRegistry registry) {
        return card("blue", "推送状态机器人", "Push status bot", null, false, lang -> {
            StringBuilder text = new StringBuilder(lang.pick("在群里 @我 或私聊我：\n", "Mention me in a group, or message me directly:\n"));
            for (CommandSpec spec : registry.commands()) {
                text.append("\n**").append(Markdown.escape(spec.usage(), 60)).append("**");
                for (String alias : spec.aliases()) {
                    text.append(lang.pick("（或 /", " (or /")).append(alias).append(lang.pick("）", ")"));
                }
                text.append("\n").append(lang.pick(spec.summaryZh(), spec.summaryEn()));
            }
            text.append(lang.pick("\n\n示例：/push-status 6981801914270744596\n/push-watch 6981801914270744596 2h",
                    "\n\nExamples: /push-status 6981801914270744596\n/push-watch 6981801914270744596 2h"));
            return text.toString();
        });
    }

    static ObjectNode usage(CommandSpec spec, Command.Problem problem) {
        return simple("orange", "用法", "Usage", lang -> {
            String why = switch (problem) {
                case MISSING_ARGUMENT -> lang.pick("缺少推送 ID。", "The notification id is missing.");
                case TOO_MANY_ARGUMENTS -> spec == CommandRegistry.PUSH_WATCH
                        ? lang.pick("只能带一个推送 ID 和一个可选的时长。", "Give one notification id and, if you like, one duration.")
                        : lang.pick("只能带一个推送 ID。", "Give exactly one notification id.");
                case NOT_AN_ID -> lang.pick("推送 ID 应为 1 到 32 位数字。", "A notification id is 1 to 32 digits.");
                case UNEXPECTED_ARGUMENT -> lang.pick("这个命令不带参数。", "This command takes no argument.");
                case NOT_A_DURATION -> lang.pick("时长应写成 30m、90m 或 2h 这样的形式。",
                        "A duration looks like 30m, 90m or 2h.");
                case DURATION_TOO_LONG -> lang.pick("时长超过了允许的最长时间。", "That is longer than the longest watch allowed.");
            };
            return why + "\n**" + Markdown.escape(spec.usage(), 60) + "**\n" + lang.pick(spec.summaryZh(), spec.summaryEn());
        });
    }

    static ObjectNode notAllowed() {
        return simple("grey", "无权使用", "Not allowed", lang -> lang.pick(
                "你不在此机器人的允许名单中。如需使用，请联系管理员。",
                "You are not on this bot's allowlist. Ask its operator to add you."));
    }

    static ObjectNode lookupFailed(String id, LookupResult.Failure failure) {
        String safeId = Markdown.escape(id, 40);
        String subtitle = "ID " + Markdown.plain(id, 40);
        return failure.accept(new LookupResult.FailureCases<>() {
            @Override
            public ObjectNode notFound(LookupResult.NotFound notFound) {
                return simple("orange", "未找到推送", "Notification not found", subtitle, lang -> lang.pick(
                        "没有 ID 为 " + safeId + " 的推送。请检查 ID 是否正确（在服务台后台的推送列表中复制）。",
                        "There is no notification with id " + safeId
                                + ". Check the id (copy it from the helpdesk console's push list)."));
            }

            @Override
            public ObjectNode forbidden(LookupResult.Forbidden forbidden) {
                return simple("red", "无权读取服务台", "Not allowed to read the helpdesk", subtitle, lang -> lang.pick(
                        "机器人无权读取该服务台的推送（错误码 " + forbidden.code() + "）。请管理员检查服务台 ID 和令牌，以及 helpdesk:all:readonly 权限。",
                        "The bot is not allowed to read this helpdesk (code " + forbidden.code()
                                + "). Operator: check the helpdesk id and token and the helpdesk:all:readonly scope."));
            }

            @Override
            public ObjectNode rateLimited(LookupResult.RateLimited limited) {
                long seconds = Texts.secondsToWait(limited.retryAfter());
                return simple("yellow", "稍后再试", "Busy", subtitle, lang -> lang.pick(
                        "查询太频繁，请在 " + seconds + " 秒后重试。",
                        "Too many lookups right now; try again in " + seconds + " s."));
            }

            @Override
            public ObjectNode unavailable(LookupResult.Unavailable unavailable) {
                if (unavailable.malformed()) {
                    return simple("red", "飞书的应答无法读取", "Feishu's answer could not be read", subtitle,
                            lang -> lang.pick("飞书返回了无法读取的数据（例如超出范围的数字），请稍后重试。错误 ID：" + unavailable.errorId(),
                                    "Feishu answered with data the bot cannot read (a count out of range, say); "
                                            + "try again later. Error id: " + unavailable.errorId()));
                }
                return simple("red", "飞书未响应", "Feishu did not answer", subtitle, lang -> lang.pick(
                        "飞书没有及时响应，请稍后重试。错误 ID：" + unavailable.errorId(),
                        "Feishu did not answer in time; try again. Error id: " + unavailable.errorId()));
            }
        });
    }

    private static ObjectNode simple(String template, String titleZh, String titleEn,
                                     Function<Lang, String> body) {
        return card(template, titleZh, titleEn, null, true, body);
    }

    private static ObjectNode simple(String template, String titleZh, String titleEn, String subtitle,
                                     Function<Lang, String> body) {
        return card(template, titleZh, titleEn, subtitle, true, body);
    }

    /** The one look of every non-status card: coloured header, what happened and what to do, a pointer to help. */
    private static ObjectNode card(String template, String titleZh, String titleEn, String subtitle,
                                   boolean pointToHelp, Function<Lang, String> body) {
        Map<Lang, String> title = new EnumMap<>(Lang.class);
        Map<Lang, ArrayNode> elements = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            title.put(lang, lang.pick(titleZh, titleEn));
            ArrayNode list = CardParts.elements();
            list.add(CardParts.markdownDiv(body.apply(lang)));
            if (pointToHelp) {
                list.add(CardParts.note(lang.pick("发送 /help 查看全部命令", "Send /help to see every command")));
            }
            elements.put(lang, list);
        }
        return CardParts.card(template, title, subtitle == null ? null : CardParts.everyLanguage(subtitle), elements);
    }
}
