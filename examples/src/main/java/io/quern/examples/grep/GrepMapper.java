package io.quern.examples.grep;

import io.quern.api.Emitter;
import io.quern.api.Mapper;
import io.quern.api.TaskContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Emits {@code (line, 1)} for every line that contains a match of the regular expression in the
 * configuration key {@value #PATTERN_KEY} ({@code --conf pattern=REGEX}), in the syntax of
 * {@link Pattern}. A match anywhere in the line counts, as {@link Matcher#find()} defines it.
 *
 * <p>The pattern is compiled once in {@link #setup}; one {@link Matcher} is reset for each line.
 * Confined to one thread, like every mapper.
 */
public final class GrepMapper implements Mapper<Long, String, String, Long> {

    /** The configuration key holding the regular expression. */
    public static final String PATTERN_KEY = "pattern";

    private static final Long ONE = 1L;

    private Matcher matcher;

    public GrepMapper() {}

    /**
     * Compiles a grep pattern, turning a syntax error into a one-line message.
     *
     * @param regex the regular expression, or {@code null} when none was given
     * @return the compiled pattern
     * @throws IllegalArgumentException if {@code regex} is {@code null} or not a valid regular
     *     expression; the message is a single line meant for the user, e.g.
     *     {@code grep: invalid pattern '(': Unclosed group near index 1}
     */
    public static Pattern compile(String regex) {
        if (regex == null) {
            throw new IllegalArgumentException("grep needs --conf " + PATTERN_KEY + "=REGEX");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            // getMessage() spans several lines (pattern and caret); rebuild it as one.
            String where = e.getIndex() >= 0 ? " near index " + e.getIndex() : "";
            throw new IllegalArgumentException("grep: invalid pattern '" + oneLine(regex) + "': "
                    + oneLine(e.getDescription()) + where, e);
        }
    }

    @Override
    public void setup(TaskContext context) {
        matcher = compile(context.conf(PATTERN_KEY)).matcher("");
    }

    @Override
    public void map(Long offset, String line, Emitter<String, Long> out) {
        if (matcher.reset(line).find()) {
            out.emit(line, ONE);
        }
    }

    private static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
