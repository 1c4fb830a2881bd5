package dev.pushstatus.bot;

import java.util.List;
import java.util.Optional;

/** The commands the bot knows; the help card is generated from this list. */
public record CommandRegistry(List<CommandSpec> commands) {

    public static final CommandSpec PUSH_STATUS = new CommandSpec(
            "push-status", List.of("ps"), "<id>",
            "Show the status, schedule, scope and delivery of a helpdesk push notification",
            "查看服务台推送的状态、时间、范围和送达情况");
    public static final CommandSpec PUSH_WATCH = new CommandSpec(
            "push-watch", List.of("pw"), "<id> [30m|2h]",
            "Keep a status card current while the push goes out (default 1 h)",
            "持续更新推送状态卡片（默认 1 小时）");
    public static final CommandSpec HELP = new CommandSpec(
            "help", List.of(), "",
            "Show this help",
            "显示帮助");

    public CommandRegistry {
        commands = List.copyOf(commands);
    }

    /** The registry of every command this version of the bot implements. */
    public static CommandRegistry standard() {
        return new CommandRegistry(List.of(PUSH_STATUS, PUSH_WATCH, HELP));
    }

    /** The command a (lower-case) word names, if any. */
    public Optional<CommandSpec> find(String word) {
        return commands.stream().filter(c -> c.answersTo(word)).findFirst();
    }
}
