package io.quern.examples.wordcount;

import io.quern.api.Emitter;
import io.quern.api.Mapper;

/**
 * Emits {@code (word, 1)} for every word of a text line. A word is a maximal run of code points
 * for which {@link Character#isLetter(int)} is true; everything else (digits, punctuation, white
 * space, marks, unpaired surrogates) separates words. Case is kept: {@code The} and {@code the} are
 * different words.
 *
 * <p>The line is scanned once, char by char, without regular expressions; the only objects created
 * per word are the word itself. Confined to one thread, like every mapper.
 */
public final class WordCountMapper implements Mapper<Long, String, String, Long> {

    /** One shared box: the engine serializes each pair before {@code emit} returns. */
    private static final Long ONE = 1L;

    public WordCountMapper() {}

    @Override
    public void map(Long offset, String line, Emitter<String, Long> out) {
        int length = line.length();
        int wordStart = -1; // index of the first char of the current word, or -1 outside a word
        int i = 0;
        while (i < length) {
            char c = line.charAt(i);
            int width = 1;
            boolean letter;
            if (c < 0x80) {
                letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(line.charAt(i + 1))) {
                letter = Character.isLetter(Character.toCodePoint(c, line.charAt(i + 1)));
                width = 2;
            } else {
                letter = Character.isLetter(c); // an unpaired surrogate is never a letter
            }
            if (letter) {
                if (wordStart < 0) {
                    wordStart = i;
                }
            } else if (wordStart >= 0) {
                out.emit(line.substring(wordStart, i), ONE);
                wordStart = -1;
            }
            i += width;
        }
        if (wordStart >= 0) {
            out.emit(line.substring(wordStart, length), ONE);
        }
    }
}
