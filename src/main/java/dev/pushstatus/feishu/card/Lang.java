package dev.pushstatus.feishu.card;

/** The card languages; the Feishu client shows the one matching its own language. */
enum Lang {
    ZH("zh_cn"),
    EN("en_us");

    private final String key;

    Lang(String key) {
        this.key = key;
    }

    /** The card i18n key. */
    String key() {
        return key;
    }

    /** Picks the text for this language. */
    String pick(String zh, String en) {
        return this == ZH ? zh : en;
    }
}
