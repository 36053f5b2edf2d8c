package io.quern.deploy.it;

import java.util.LinkedHashMap;
import java.util.Map;

/** Java sources of the user jobs that {@link UserJobsIT} compiles into jars. */
final class JobSources {
    private JobSources() {}

    /** Lower-cased runs of letters (code points for which {@code Character.isLetter} holds), each counted once. */
    static final String WORDS = """
            package com.acme;

            import io.quern.api.Emitter;
            import io.quern.api.Mapper;
            import java.util.Locale;

            public class Words implements Mapper<Long, String, String, Long> {
                public void map(Long offset, String line, Emitter<String, Long> out) {
                    emitWords(line, "", out);
                }

                public static void emitWords(String line, String prefix, Emitter<String, Long> out) {
                    int start = -1;
                    int i = 0;
                    while (i < line.length()) {
                        int cp = line.codePointAt(i);
                        if (Character.isLetter(cp)) {
                            if (start < 0) {
                                start = i;
                            }
                        } else if (start >= 0) {
                            out.emit(prefix + line.substring(start, i).toLowerCase(Locale.ROOT), 1L);
                            start = -1;
                        }
                        i += Character.charCount(cp);
                    }
                    if (start >= 0) {
                        out.emit(prefix + line.substring(start).toLowerCase(Locale.ROOT), 1L);
                    }
                }
            }
            """;

    static final String SUM = """
            package com.acme;

            import io.quern.api.Emitter;
            import io.quern.api.Reducer;

            public class Sum implements Reducer<String, Long, String, Long> {
                public void reduce(String key, Iterable<Long> values, Emitter<String, Long> out) {
                    long n = 0;
                    for (long v : values) {
                        n += v;
                    }
                    out.emit(key, n);
                }
            }
            """;

    /** Keys starting with a..m to partition 0, every other key to the last partition. */
    static final String HALVES = """
            package com.acme;

            import io.quern.api.Partitioner;

            public class AlphabetHalves implements Partitioner<String> {
                public int partition(String key, int numPartitions) {
                    char c = key.charAt(0);
                    return c >= 'a' && c <= 'm' ? 0 : numPartitions - 1;
                }
            }
            """;

    /**
     * Words, plus the user counters {@code lines.with.digits} and {@code chars}; map task m-000001
     * throws on its first attempt once it has counted five lines.
     */
    static final String COUNTING = """
            package com.acme;

            import io.quern.api.Counter;
            import io.quern.api.Emitter;
            import io.quern.api.Mapper;
            import io.quern.api.TaskContext;

            public class CountingWords implements Mapper<Long, String, String, Long> {
                private TaskContext context;
                private Counter digits;
                private Counter chars;
                private int seen;

                public void setup(TaskContext context) {
                    this.context = context;
                    digits = context.counter("lines.with.digits");
                    chars = context.counter("chars");
                }

                public void map(Long offset, String line, Emitter<String, Long> out) {
                    chars.increment(line.length());
                    if (line.chars().anyMatch(Character::isDigit)) {
                        digits.increment(1);
                    }
                    Words.emitWords(line, "", out);
                    if (++seen == 5 && context.attempt() == 0 && context.taskId().equals("m-000001")) {
                        throw new IllegalStateException("first attempt of m-000001 fails on purpose");
                    }
                }
            }
            """;

    /** Words, but a line containing POISON makes {@code map} throw. */
    static final String POISON = """
            package com.acme;

            import io.quern.api.Emitter;
            import io.quern.api.Mapper;

            public class PoisonWords implements Mapper<Long, String, String, Long> {
                public void map(Long offset, String line, Emitter<String, Long> out) {
                    if (line.contains("POISON")) {
                        throw new IllegalArgumentException("poisoned record at offset " + offset);
                    }
                    Words.emitWords(line, "", out);
                }
            }
            """;

    /** The library class two jars ship in conflicting versions. */
    static String greeting(String version) {
        return """
                package com.lib;

                public class Greeting {
                    public static String tag() {
                        return "%s";
                    }
                }
                """.formatted(version);
    }

    /** Tags each word with {@code Greeting.tag()}; sleeps in setup for {@code --conf sleep.ms}. */
    static final String TAGGED = """
            package com.app;

            import com.acme.Words;
            import com.lib.Greeting;
            import io.quern.api.Emitter;
            import io.quern.api.Mapper;
            import io.quern.api.TaskContext;

            public class TaggedWords implements Mapper<Long, String, String, Long> {
                public void setup(TaskContext context) throws Exception {
                    String sleep = context.conf("sleep.ms");
                    if (sleep != null) {
                        Thread.sleep(Long.parseLong(sleep));
                    }
                }

                public void map(Long offset, String line, Emitter<String, Long> out) {
                    Words.emitWords(line, Greeting.tag() + ":", out);
                }
            }
            """;

    /** Classes that submit must reject. */
    static final String NO_DEFAULT_CONSTRUCTOR = """
            package com.bad;

            import io.quern.api.Emitter;
            import io.quern.api.Mapper;

            public class NoDefaultConstructor implements Mapper<Long, String, String, Long> {
                public NoDefaultConstructor(int size) {}

                public void map(Long offset, String line, Emitter<String, Long> out) {}
            }
            """;

    static final String OBJECT_KEYS = """
            package com.bad;

            import io.quern.api.Emitter;
            import io.quern.api.Mapper;

            public class ObjectKeys implements Mapper<Long, String, Object, Long> {
                public void map(Long offset, String line, Emitter<Object, Long> out) {
                    out.emit(line, 1L);
                }
            }
            """;

    static final String THROWING_CONSTRUCTOR = """
            package com.bad;

            import io.quern.api.Emitter;
            import io.quern.api.Mapper;

            public class ThrowingConstructor implements Mapper<Long, String, String, Long> {
                public ThrowingConstructor() {
                    throw new IllegalStateException("no configuration found");
                }

                public void map(Long offset, String line, Emitter<String, Long> out) {}
            }
            """;

    static Map<String, String> of(String... nameThenSource) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSource.length; i += 2) {
            m.put(nameThenSource[i], nameThenSource[i + 1]);
        }
        return m;
    }
}
