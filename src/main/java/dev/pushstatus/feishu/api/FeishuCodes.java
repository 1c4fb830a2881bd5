package dev.pushstatus.feishu.api;

import java.util.Set;

/** Feishu error codes the client acts on (docs/feishu.md, "Tenant access token", "Rate limits" and "Error codes"). */
final class FeishuCodes {

    /** The tenant token is invalid or expired: refetch it and retry once. */
    static final Set<Integer> TOKEN_INVALID = Set.of(99991663, 99991664, 99991671);
    /** Too many requests. */
    static final int RATE_LIMITED = 99991400;
    /** Helpdesk: Feishu's internal error, worth another try. */
    static final int INTERNAL_ERROR = 155000;

    /** Helpdesk: no notification with this id. */
    static final int NOT_FOUND = 154004;
    /** The app may not read this helpdesk: wrong helpdesk auth, missing scope, not permitted, user-token-only. */
    static final Set<Integer> FORBIDDEN = Set.of(154001, 154003, 154005, 99991668, 99991672, 99991661);

    /**
     * A card update Feishu will never accept: the message was recalled (230011, unverified), or is past
     * the 14 days in which a card may be updated (230031). Anything else is tried again later.
     */
    static final Set<Integer> CARD_GONE = Set.of(230011, 230031);

    private FeishuCodes() {
    }
}
