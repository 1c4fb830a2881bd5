package dev.pushstatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads names out of source files, for tests that check documents against the code. */
public final class SourceLiterals {

    private SourceLiterals() {
    }

    /** Every first group of {@code regex} in the file, sorted. */
    public static Set<String> in(String file, String regex) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(Files.readString(Path.of(file)));
        Set<String> found = new TreeSet<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
