package dev.pushstatus;

/**
 * Generated values as property tests report them when they fail. QuickTheories ends its failure
 * message with the seed that replays the run ({@code -DQT_SEED=...}); Surefire drops the rest of
 * a message after an unpaired surrogate, and whole generated values run to tens of kilobytes.
 * So: control characters and unpaired surrogates escaped as {@code \\uXXXX}, and a cap on length.
 */
public final class PropertyReports {

    private static final int MAX_CHARS = 2_000;

    private PropertyReports() {
    }

    public static String describe(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        if (out.length() <= MAX_CHARS) {
            return out.toString();
        }
        int end = Character.isHighSurrogate(out.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return out.substring(0, end) + "... (" + text.length() + " characters in all)";
    }
}
