package io.quern.common.job;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Engine settings a job may carry in its {@code --conf} (the {@code quern.} keys), each parsed here,
 * beside its meaning, and validated at submit so that a bad value is exit 2, not a task failure.
 */
public final class EngineConf {
    private EngineConf() {}

    /** An attempt silent (no progress) for this long is abandoned as hung and retried. */
    public static final String TASK_TIMEOUT = "quern.task.timeout";

    /** The job's task timeout, or {@code dflt}. @throws IllegalArgumentException naming the key */
    public static Duration taskTimeout(Map<String, String> conf, Duration dflt) {
        String v = conf.get(TASK_TIMEOUT);
        if (v == null) {
            return dflt;
        }
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TASK_TIMEOUT + ": " + e.getMessage());
        }
    }

    /** Checks every engine key of a job's conf. @throws IllegalArgumentException naming the first bad one */
    public static void validate(Map<String, String> conf) {
        taskTimeout(conf, Duration.ofMinutes(5));
    }

    /** A positive duration: a number with ms, s, m or h ({@code 500ms}, {@code 90s}, {@code 30m}). */
    public static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else {
                long v = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(v);
                    case 'm' -> Duration.ofMinutes(v);
                    case 'h' -> Duration.ofHours(v);
                    default -> throw new NumberFormatException();
                };
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + s + "' is not a duration (e.g. 500ms, 90s, 30m, 2h)");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + s + "' is not a positive duration");
        }
        return d;
    }
}
