package io.quern.examples.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic vocabulary of {@value #SIZE} distinct words ordered by rank: a few short English
 * function words first, then words built from syllables, longer as the rank grows. About one word
 * in thirty carries a non-ASCII letter ({@code é}, {@code ü}, {@code ß}, ...), a few are CJK and a
 * few are written in Deseret, outside the Basic Multilingual Plane (one of them, starting with
 * {@code U+10400}, at a rank high enough to show up in any sizable sample). Built once from a fixed
 * seed, so it is the same for every corpus; immutable and shared.
 */
final class Vocabulary {

    static final int SIZE = 300_000;

    private static final String[] FUNCTION_WORDS = {
        "the", "of", "and", "to", "a", "in", "is", "it", "that", "was", "for", "on", "with", "as",
        "he", "she", "they", "at", "by", "this", "we", "you", "from", "or", "be", "are", "his", "her",
        "not", "but", "had", "have", "which", "one", "all", "were", "an", "there", "can", "would"
    };
    private static final String[] ONSETS = {
        "", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
        "th", "st", "br", "tr", "ch", "sh", "pl", "gr", "cl", "fr"
    };
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ea", "ou", "ai", "ie", "y"};
    private static final String[] CODAS = {"", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng", "ck"};
    private static final String[] ACCENTED = {"é", "è", "ü", "ö", "ä", "à", "ñ", "ø"};
    private static final int SHOWCASE_RANK = 300;
    private static final long SEED = 0x5EEDC0DE5L;

    private static final Vocabulary INSTANCE = new Vocabulary();

    /**
     * All words in UTF-8, by rank, each lower-case form followed by its capitalized form: one array
     * keeps the frequent words together in cache. Word {@code r} is {@code [offsets[2r],
     * offsets[2r+1])}, capitalized {@code [offsets[2r+1], offsets[2r+2])}.
     */
    private final byte[] bytes;
    private final int[] offsets = new int[2 * SIZE + 1];

    private Vocabulary() {
        SplittableRandom random = new SplittableRandom(SEED);
        Set<String> words = new LinkedHashSet<>(SIZE * 2);
        for (String w : FUNCTION_WORDS) {
            words.add(w);
        }
        while (words.size() < SIZE) {
            if (words.size() == SHOWCASE_RANK) {
                words.add(new String(new int[] {0x10400, 0x1042F, 0x10445, 0x10432}, 0, 4));
            }
            words.add(word(random, words.size()));
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(SIZE * 20);
        int slot = 0;
        for (String w : words) {
            if (slot == 2 * SIZE) {
                break;
            }
            byte[] utf8 = w.getBytes(StandardCharsets.UTF_8);
            all.writeBytes(utf8);
            offsets[++slot] = all.size();
            if (utf8[0] >= 'a' && utf8[0] <= 'z') {
                utf8[0] -= 'a' - 'A';
            } else {
                int first = w.codePointAt(0);
                utf8 = new StringBuilder().appendCodePoint(Character.toTitleCase(first))
                        .append(w, Character.charCount(first), w.length()).toString()
                        .getBytes(StandardCharsets.UTF_8);
            }
            all.writeBytes(utf8);
            offsets[++slot] = all.size();
        }
        bytes = all.toByteArray();
    }

    static Vocabulary get() {
        return INSTANCE;
    }

    /** Whether the word of that rank is one of the short function words ("the", "of"...). */
    static boolean isFunctionWord(int rank) {
        return rank < FUNCTION_WORDS.length;
    }

    /** The UTF-8 bytes of all words; see {@link #start} and {@link #end}. Callers must not modify it. */
    byte[] bytes() {
        return bytes;
    }

    /** Where the word of that rank starts in {@link #bytes()}, lower case or with a capital. */
    int start(int rank, boolean capitalized) {
        return offsets[2 * rank + (capitalized ? 1 : 0)];
    }

    /** Where the word of that rank ends (exclusive) in {@link #bytes()}. */
    int end(int rank, boolean capitalized) {
        return offsets[2 * rank + (capitalized ? 2 : 1)];
    }

    /** A pronounceable made-up word of {@code syllables} syllables, ASCII only. */
    static String syllables(SplittableRandom random, int syllables) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            word.append(pick(random, ONSETS)).append(pick(random, VOWELS)).append(pick(random, CODAS));
        }
        return word.toString();
    }

    /** A candidate for the given rank: longer words for rarer ranks, now and then non-ASCII. */
    private static String word(SplittableRandom random, int rank) {
        int kind = random.nextInt(1000);
        if (kind < 4) {
            return cjk(random);
        }
        if (kind < 5) {
            return deseret(random);
        }
        int longer = random.nextInt(8) == 0 ? 1 : 0;
        int count = rank < 1_000 ? 1 + longer
                : rank < 20_000 ? 1 + random.nextInt(2) + longer
                : 2 + random.nextInt(2) + longer;
        String word = syllables(random, count);
        if (kind < 35) {
            int vowel = firstVowel(word, random.nextInt(word.length()));
            if (vowel >= 0) {
                word = word.substring(0, vowel) + pick(random, ACCENTED) + word.substring(vowel + 1);
            }
        } else if (kind < 40) {
            word = word + "ß" + pick(random, VOWELS);
        }
        return word;
    }

    private static int firstVowel(String word, int from) {
        for (int i = from; i < word.length(); i++) {
            if ("aeiou".indexOf(word.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** One to three CJK unified ideographs (all letters). */
    private static String cjk(SplittableRandom random) {
        StringBuilder word = new StringBuilder();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            word.appendCodePoint(0x4E00 + random.nextInt(0x9FA5 - 0x4E00));
        }
        return word.toString();
    }

    /** Two to six Deseret letters, U+10400..U+1044F: every one a surrogate pair in UTF-16. */
    private static String deseret(SplittableRandom random) {
        StringBuilder word = new StringBuilder();
        for (int i = 2 + random.nextInt(5); i > 0; i--) {
            word.appendCodePoint(0x10428 + random.nextInt(0x28)); // the lower-case half
        }
        return word.toString();
    }

    private static String pick(SplittableRandom random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
