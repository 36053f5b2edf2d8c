package io.quern.worker.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random text files for the split property tests, and their lines computed independently of the readers. */
final class RandomText {
    private static final String[] PIECES = {
        "a", "b", "z", " ", "\t", "\r", "é", "€", "😀", "字", "𝄞x", "\r\r",
    };

    /** A line as a reader should return it: file, byte offset of its first byte, text without terminator. */
    record Line(String file, long offset, String text) {}

    private RandomText() {}

    /** Lines of up to {@code maxPieces} random pieces (multi-byte ones included), mixed terminators. */
    static String content(Random random, int lines, int maxPieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int pieces = random.nextInt(4) == 0 ? 0 : random.nextInt(maxPieces);
            for (int p = 0; p < pieces; p++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            boolean last = i == lines - 1;
            if (!last || random.nextBoolean()) {
                sb.append(random.nextInt(3) == 0 ? "\r\n" : "\n");
            }
        }
        return sb.toString();
    }

    /** Reference: split the decoded text on '\n', add up each piece's UTF-8 length for offsets. */
    static List<Line> lines(String file, String content) {
        String[] pieces = content.split("\n", -1);
        List<Line> lines = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            boolean terminated = i < pieces.length - 1;
            if (!terminated && piece.isEmpty()) {
                break; // nothing after the final '\n'
            }
            String text = terminated && piece.endsWith("\r")
                    ? piece.substring(0, piece.length() - 1) : piece;
            lines.add(new Line(file, offset, text));
            offset += piece.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return lines;
    }
}
