package dev.pushstatus.feishu.card;

/**
 * Makes untrusted text inert inside {@code lark_md}: no mention ({@code <at id=all>}), no font
 * or link markup, no emphasis. Hand-written because the escaping rules are Feishu's own (HTML
 * entities for markup characters), not any standard a library implements.
 */
final class Markdown {

    static final char ZERO_WIDTH_SPACE = '\u200B';

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
                default -> out.append(inert(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    /**
     * The text for a {@code plain_text} field: cut to {@code maxChars}, control characters made
     * spaces, and a zero-width space after every {@code <}. Feishu shows plain_text verbatim, but
     * that it never parses {@code <at>} there is unverified, so a tag is broken up all the same;
     * it looks the same to a reader.
     */
    static String plain(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        String cut = truncate(text, maxChars);
        StringBuilder out = new StringBuilder(cut.length() + 4);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (inert(c)) {
                out.append(' ');
            } else {
                out.append(c);
                if (c == '<') {
                    out.append(ZERO_WIDTH_SPACE);
                }
            }
        }
        return out.toString();
    }

    /**
     * Characters that must not reach a card from untrusted text: control characters, line and
     * paragraph separators (they break a line where the card has none), and the bidirectional
     * embeddings, overrides and isolates (U+202E makes "gnp.exe" read as "exe.png").
     */
    static boolean inert(char c) {
        return Character.isISOControl(c)
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }

    /** Whether the text shows anything: not only spaces, control or invisible format characters. */
    static boolean isVisible(String text) {
        return text != null && text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT);
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
