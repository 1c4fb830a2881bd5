package dev.pushstatus;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The instructions of a Dockerfile, enough of its grammar for tests that compare it with the
 * manifests: comments dropped, backslash continuations joined, one instruction per entry. Not a
 * full parser (no heredocs, no escape directive); the repository's Dockerfile uses neither.
 */
record Dockerfile(List<Instruction> instructions) {

    /** One instruction: its keyword in upper case and the rest of its (joined) line. */
    record Instruction(String keyword, String arguments) {

        /** The exec form's array (["java", "-jar", ...]); fails on the shell form, which the tests refuse. */
        List<String> execForm() {
            try {
                return Arrays.asList(new ObjectMapper().readValue(arguments, String[].class));
            } catch (IOException e) {
                throw new AssertionError(keyword + " is not in exec form (a JSON array): " + arguments, e);
            }
        }

        /** The arguments split on white space. */
        List<String> words() {
            return Arrays.asList(arguments.strip().split("\\s+"));
        }
    }

    static Dockerfile read(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || stripped.isEmpty()) {
                continue; // comments and blank lines, also inside a continued instruction, as Docker does
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                int space = text.indexOf(' ');
                instructions.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                        text.substring(space + 1).strip()));
            }
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    /** The instructions of the last stage, the image that runs: everything after the last FROM. */
    Dockerfile finalStage() {
        int last = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return new Dockerfile(instructions.subList(last, instructions.size()));
    }

    /**
     * The arguments the image's build passes to scripts/record-cds (JAR ARCHIVE JVM_OPTION...): the
     * words after the mounted script, up to the end of that command.
     */
    List<String> recordCdsArguments() {
        Instruction run = all("RUN").stream().filter(r -> r.arguments().contains("record-cds")).findFirst()
                .orElseThrow(() -> new AssertionError("no RUN in the Dockerfile records the archive with scripts/record-cds"));
        List<String> words = run.words();
        int script = words.indexOf("/tmp/record-cds");
        if (script < 0) {
            throw new AssertionError("the RUN does not call the mounted /tmp/record-cds: " + run.arguments());
        }
        int end = script + 1;
        while (end < words.size() && !words.get(end).equals("&&") && !words.get(end).equals(";")) {
            end++;
        }
        return List.copyOf(words.subList(script + 1, end));
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The last instruction with this keyword (the one in force), if any. */
    Optional<Instruction> last(String keyword) {
        List<Instruction> found = all(keyword);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }
}
