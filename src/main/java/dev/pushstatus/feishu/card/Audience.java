package dev.pushstatus.feishu.card;

import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Shortlist;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Who a push goes to, in words read from the helpdesk API's enums exactly (push_type,
 * push_scope_type, new_staff_scope_type; the chat list stands apart from all of them): one
 * summary line for the card, and the named lists for its details.
 */
final class Audience {

    /** Names listed per kind before "+N more". */
    static final int NAMES_SHOWN = 5;
    static final int NAME_CHARS = 40;

    private Audience() {
    }

    /** E.g. "**Timed push** to everyone in the organisation; also posted in 1 chat". */
    static String summary(Notification n, Lang lang) {
        String type = pushType(n.pushType(), lang);
        List<String> parts = new ArrayList<>();
        // Scope 3 is "new staff": the new-staff scope says which, so the scope itself adds nothing.
        if (!Integer.valueOf(3).equals(n.pushScopeType())) {
            parts.add(scope(n, lang));
        }
        if (isOnboarding(n)) {
            parts.add(newStaff(n, lang));
        }
        String chats = chats(n, lang);
        return "**" + type + "**" + lang.pick("：", ": ") + String.join(lang.pick("；", "; "), parts) + chats;
    }

    /** The new-staff scope takes effect for onboarding pushes (push_type 1), and scope 3 is new staff. */
    private static boolean isOnboarding(Notification n) {
        return Integer.valueOf(1).equals(n.pushType()) || Integer.valueOf(3).equals(n.pushScopeType());
    }

    static String pushType(Integer type, Lang lang) {
        if (type == null) {
            return lang.pick("推送（类型未提供）", "Push (type not reported)");
        }
        return switch (type) {
            case 0 -> lang.pick("定时推送", "Timed push");
            case 1 -> lang.pick("新人入职推送", "Onboarding push for new staff");
            default -> lang.pick("推送（类型 " + type + "）", "Push (type " + type + ")");
        };
    }

    private static String scope(Notification n, Lang lang) {
        Integer scope = n.pushScopeType();
        if (scope == null) {
            return lang.pick("推送范围未提供", "members not reported");
        }
        return switch (scope) {
            case 0 -> lang.pick("组织内全部成员", "everyone in the organisation");
            case 1 -> lang.pick("不直接推送给任何成员", "no members directly");
            case 2 -> selected(n, lang);
            case 3 -> lang.pick("入职新人", "new staff");
            default -> lang.pick("推送范围 " + scope, "members: scope " + scope);
        };
    }

    /** Scope 2, "part of the members": how many users and departments the lists name. */
    private static String selected(Notification n, Lang lang) {
        List<String> parts = new ArrayList<>();
        if (!n.users().isEmpty()) {
            parts.add(counted(n.users().total(), " 名成员", "member", lang));
        }
        if (!n.departments().isEmpty()) {
            parts.add(counted(n.departments().total(), " 个部门", "department", lang));
        }
        if (parts.isEmpty()) {
            return lang.pick("部分成员（名单未提供）", "selected members (lists not reported)");
        }
        return lang.pick("部分成员（" + String.join("和 ", parts) + "）", "selected " + String.join(" and ", parts));
    }

    private static String newStaff(Notification n, Lang lang) {
        Integer scope = n.newStaffScopeType();
        if (scope == null) {
            return lang.pick("新人范围未提供", "new-staff scope not reported");
        }
        return switch (scope) {
            case 0 -> lang.pick("组织内所有新人", "all new staff in the organisation");
            case 1 -> n.newStaffDepartments().isEmpty()
                    ? lang.pick("特定部门的新人（部门未提供）", "new staff of selected departments (not reported)")
                    : lang.pick(counted(n.newStaffDepartments().total(), " 个部门", "", lang) + "的新人",
                            "new staff of " + counted(n.newStaffDepartments().total(), "", "department", lang));
            default -> lang.pick("新人范围 " + scope, "new-staff scope " + scope);
        };
    }

    private static String chats(Notification n, Lang lang) {
        int total = n.chats().total();
        if (total == 0) {
            return Integer.valueOf(1).equals(n.pushScopeType()) ? lang.pick("；未列出群", "; no chat listed") : "";
        }
        return lang.pick("；另推送到 " + counted(total, " 个群", "", lang), "; also posted in " + counted(total, "", "chat", lang));
    }

    /**
     * The named lists, one markdown line each: users and departments (for scope 2; other scopes do
     * not use them, so they are only counted), new-staff departments (onboarding pushes), chats.
     */
    static List<String> lists(Notification n, Lang lang) {
        List<String> lines = new ArrayList<>();
        boolean selected = Integer.valueOf(2).equals(n.pushScopeType());
        if (selected) {
            addLine(lines, lang.pick("成员", "Members"), lang.pick("人", ""), n.users(), Notification.Person::name, lang);
            addLine(lines, lang.pick("部门", "Departments"), lang.pick("个部门", ""), n.departments(),
                    Notification.Department::name, lang);
        }
        if (isOnboarding(n)) {
            addLine(lines, lang.pick("新人部门", "New-staff departments"), lang.pick("个部门", ""), n.newStaffDepartments(),
                    Notification.Department::name, lang);
        }
        addLine(lines, lang.pick("群聊", "Chats"), lang.pick("个群", ""), n.chats(), Notification.Chat::name, lang);
        if (!selected && (!n.users().isEmpty() || !n.departments().isEmpty())) {
            lines.add(lang.pick("飞书还列出了 " + counted(n.users().total(), " 名成员", "", lang) + "和 "
                            + counted(n.departments().total(), " 个部门", "", lang) + "，此推送范围不使用它们。",
                    "Feishu also lists " + counted(n.users().total(), "", "member", lang) + " and "
                            + counted(n.departments().total(), "", "department", lang) + ", which this scope does not use."));
        }
        return lines;
    }

    /** "3 members" / "1 member"; in Chinese the count and its measure word, "3 名成员". */
    private static String counted(int count, String zhMeasure, String enNoun, Lang lang) {
        return lang.pick(" " + Texts.number(count, lang) + zhMeasure,
                Texts.number(count, lang) + " " + enNoun + (count == 1 ? "" : "s")).stripLeading();
    }

    private static <T> void addLine(List<String> lines, String label, String zhMeasure, Shortlist<T> items,
                                    Function<T, String> name, Lang lang) {
        if (items.isEmpty()) {
            return;
        }
        List<String> shown = items.first().stream().limit(NAMES_SHOWN)
                .map(item -> Markdown.escape(name.apply(item) == null ? "?" : name.apply(item), NAME_CHARS))
                .toList();
        int more = items.total() - shown.size();
        String andMore = more > 0 ? lang.pick("，另有 " + Texts.number(more, lang) + " " + zhMeasure,
                " +" + Texts.number(more, lang) + " more") : "";
        lines.add("**" + label + Texts.bracket(Texts.number(items.total(), lang), lang) + "** "
                + String.join(lang.pick("、", ", "), shown) + andMore);
    }
}
