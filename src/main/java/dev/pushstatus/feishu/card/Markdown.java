package dev.pushstatus.feishu.card;

/**
 * Makes untrusted text inert inside {@code lark_md}: no mention ({@code <at id=all>}), no font
 * or link markup, no emphasis. Hand-written because the escaping rules are Feishu's own (HTML
 * entities for markup characters), not any standard a library implements.
 */
final class Markdown {

    private Markdown() {
    }

    /** The text, escaped and cut to at most {@code maxChars} characters (with an ellipsis). */
    static String escape(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        String cut = truncate(text, maxChars);
        StringBuilder out = new StringBuilder(cut.length() + 16);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '*', '_', '~', '[', ']', '(', ')', '`', '#', '|', '\\', '@' -> out.append("&#").append((int) c).append(';');
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Cuts on a code point boundary, so no emoji is split in half. */
    static String truncate(String text, int maxChars) {
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxChars - 1)) + "…";
    }
}
