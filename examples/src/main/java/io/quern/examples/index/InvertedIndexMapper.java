package io.quern.examples.index;

import io.quern.api.Emitter;
import io.quern.api.Mapper;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * For whole-file input (key: the file's path, value: its content), emits {@code (word, document)}
 * once for each distinct word of the document. Words are maximal runs of letters, as in
 * {@code wordcount}, lower-cased with {@link Locale#ROOT}; the document is the last segment of the
 * path (its file name), so files with the same name in different directories share an entry.
 *
 * <p>Run it as a user job with {@code --input-format whole-file}:
 * <pre>
 * bin/quern local --input-format whole-file --jar examples/target/examples-&lt;version&gt;.jar \
 *     --mapper io.quern.examples.index.InvertedIndexMapper \
 *     --reducer io.quern.examples.index.InvertedIndexReducer \
 *     --input DIR --output OUT
 * </pre>
 * Confined to one thread, like every mapper.
 */
public final class InvertedIndexMapper implements Mapper<String, String, String, String> {

    private final Set<String> seen = new HashSet<>();

    public InvertedIndexMapper() {}

    @Override
    public void map(String path, String content, Emitter<String, String> out) {
        String document = fileName(path);
        seen.clear();
        int wordStart = -1; // index of the first char of the current word, or -1 outside a word
        int i = 0;
        while (i < content.length()) {
            int codePoint = content.codePointAt(i);
            if (Character.isLetter(codePoint)) {
                if (wordStart < 0) {
                    wordStart = i;
                }
            } else if (wordStart >= 0) {
                emitOnce(content.substring(wordStart, i), document, out);
                wordStart = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (wordStart >= 0) {
            emitOnce(content.substring(wordStart), document, out);
        }
    }

    private void emitOnce(String word, String document, Emitter<String, String> out) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (seen.add(lower)) {
            out.emit(lower, document);
        }
    }

    static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
