package io.quern.deploy.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test data and an independent word count to check the engine's output against. */
final class WordCounts {
    private WordCounts() {}

    /** Letter runs by code point, counted the slow, obvious way over each file's whole text. */
    static Map<String, Long> reference(Path dir) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("_") || name.startsWith(".") || !Files.isRegularFile(f)) {
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                StringBuilder word = new StringBuilder();
                text.codePoints().forEach(cp -> {
                    if (Character.isLetter(cp)) {
                        word.appendCodePoint(cp);
                    } else if (word.length() > 0) {
                        counts.merge(word.toString(), 1L, Long::sum);
                        word.setLength(0);
                    }
                });
                if (word.length() > 0) {
                    counts.merge(word.toString(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /** Reads every part file, checking each is sorted by code point and no key appears twice. */
    static Map<String, Long> readOutput(Path out, int reducers) throws IOException {
        Map<String, Long> all = new HashMap<>();
        for (int r = 0; r < reducers; r++) {
            Path part = out.resolve(String.format("part-r-%05d", r));
            List<String> keys = new ArrayList<>();
            for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                int tab = line.lastIndexOf('\t');
                String key = line.substring(0, tab);
                keys.add(key);
                if (all.put(key, Long.parseLong(line.substring(tab + 1))) != null) {
                    throw new AssertionError("key " + key + " appears twice in the output");
                }
            }
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(BY_CODE_POINT);
            if (!sorted.equals(keys)) {
                throw new AssertionError(part + " is not sorted by code point");
            }
        }
        return all;
    }

    static final Comparator<String> BY_CODE_POINT = (a, b) -> {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return java.util.Arrays.compare(x, y);
    };

    private static final String[] WORDS = {"the", "of", "and", "river", "mill", "Quern", "stone", "grain",
        "café", "naïve", "Straße", "日本語", "𐐀𐐁", "Ελλάδα", "a", "I", "mapreduce", "MapReduce"};
    private static final String[] SEPARATORS = {" ", "  ", ", ", ". ", "-", "'", "3", "\t", " 42 ", "_", "—", "😀"};

    /** Writes random multi-language text with LF and CRLF endings, some files without a final newline. */
    static void writeText(Path dir, int files, int linesPerFile, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int f = 0; f < files; f++) {
            StringBuilder sb = new StringBuilder();
            for (int l = 0; l < linesPerFile; l++) {
                int n = rnd.nextInt(0, 15);
                for (int w = 0; w < n; w++) {
                    sb.append(WORDS[(int) Math.min(WORDS.length - 1, Math.abs(rnd.nextGaussian()) * 5)]);
                    sb.append(SEPARATORS[rnd.nextInt(SEPARATORS.length)]);
                }
                if (l < linesPerFile - 1 || f % 2 == 0) {
                    sb.append(rnd.nextInt(4) == 0 ? "\r\n" : "\n");
                }
            }
            Files.writeString(dir.resolve(String.format("text-%03d.txt", f)), sb, StandardCharsets.UTF_8);
        }
    }

    static Map<String, Long> sorted(Map<String, Long> m) {
        return new TreeMap<>(m);
    }
}
