package io.quern.deploy.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Input files cut into lines the way the contract defines them (a line ends at {@code \n} or
 * {@code \r\n}, the key is its byte offset), read from the raw bytes independently of the engine.
 */
final class TextLines {
    private static final Pattern LETTERS = Pattern.compile("\\p{L}+");

    private TextLines() {}

    /** One line: its file, the byte offset of its first byte, its text without the terminator. */
    record Line(Path file, long offset, String text) {}

    static List<Line> read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length ? start < b.length : b[i] == '\n') {
                int end = i > start && i < b.length && b[i - 1] == '\r' ? i - 1 : i;
                lines.add(new Line(file, start, new String(Arrays.copyOfRange(b, start, end), StandardCharsets.UTF_8)));
                start = i + 1;
            }
        }
        return lines;
    }

    /** The lines of a directory's input files (not starting with {@code _} or {@code .}), in name order. */
    static List<Line> readDir(Path dir) throws IOException {
        List<Line> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && !name.startsWith("_") && !name.startsWith(".")) {
                    all.addAll(read(f));
                }
            }
        }
        return all;
    }

    /** Runs of letters, lower-cased with {@link Locale#ROOT}, counted. */
    static Map<String, Long> lowerWords(List<Line> lines) {
        Map<String, Long> counts = new HashMap<>();
        for (Line l : lines) {
            Matcher m = LETTERS.matcher(l.text());
            while (m.find()) {
                counts.merge(m.group().toLowerCase(Locale.ROOT), 1L, Long::sum);
            }
        }
        return counts;
    }
}
