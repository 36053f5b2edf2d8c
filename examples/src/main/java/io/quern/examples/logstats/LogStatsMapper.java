package io.quern.examples.logstats;

import io.quern.api.Counter;
import io.quern.api.Emitter;
import io.quern.api.Mapper;
import io.quern.api.TaskContext;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Turns access-log lines (Common or Combined Log Format) into counts. For each line that parses it
 * emits
 * <ul>
 *   <li>{@code ("status:<code>", 1)},
 *   <li>{@code ("path:<path>", 1)}, the path without its {@code ?query},
 *   <li>{@code ("hour:<yyyy-MM-ddTHH>", 1)}, the hour of the request in UTC whatever offset the line
 *       was written with ({@code [10/Oct/2000:13:55:36 -0700]} is {@code hour:2000-10-10T20}),
 *   <li>{@code ("bytes:<code>", bytes)}, emitted even when the size is 0 or {@code -} so that every
 *       status seen has a bytes key.
 * </ul>
 * A line that does not parse (see {@link AccessLogParser} for what is accepted) is not an error: it
 * increments the counter {@value #MALFORMED} and emits only {@code ("malformed", 1)}, so that the
 * output holds {@code malformed<TAB>N} whenever there were any.
 *
 * <p>Keys for status codes and the current hour are cached, so a well-formed line costs one new
 * string (its path key) and, for large responses, one boxed byte count. Confined to one thread.
 */
public final class LogStatsMapper implements Mapper<Long, String, String, Long> {

    /** The counter, and output key, for lines that do not parse. */
    public static final String MALFORMED = "malformed";

    private static final Long ONE = 1L;

    private final AccessLogParser parser = new AccessLogParser();
    private final StringBuilder pathKey = new StringBuilder(64);
    private final String[] statusKeys = new String[600];
    private final String[] bytesKeys = new String[600];
    private long cachedHour = Long.MIN_VALUE;
    private String cachedHourKey;
    private Counter malformed;

    public LogStatsMapper() {}

    @Override
    public void setup(TaskContext context) {
        malformed = context.counter(MALFORMED);
    }

    @Override
    public void map(Long offset, String line, Emitter<String, Long> out) {
        if (!parser.parse(line)) {
            malformed.increment(1);
            out.emit(MALFORMED, ONE);
            return;
        }
        int status = parser.status();
        out.emit(statusKey(status), ONE);
        pathKey.setLength(0);
        pathKey.append("path:").append(line, parser.pathStart(), parser.pathEnd());
        out.emit(pathKey.toString(), ONE);
        out.emit(hourKey(Math.floorDiv(parser.epochSecond(), 3600L)), ONE);
        out.emit(bytesKey(status), parser.bytes());
    }

    private String statusKey(int status) {
        String key = statusKeys[status];
        if (key == null) {
            key = "status:" + status;
            statusKeys[status] = key;
        }
        return key;
    }

    private String bytesKey(int status) {
        String key = bytesKeys[status];
        if (key == null) {
            key = "bytes:" + status;
            bytesKeys[status] = key;
        }
        return key;
    }

    /** {@code hour:yyyy-MM-ddTHH} for an hour counted since the epoch. */
    private String hourKey(long epochHour) {
        if (epochHour != cachedHour) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(epochHour * 3600L, 0, ZoneOffset.UTC);
            StringBuilder key = new StringBuilder(18).append("hour:");
            pad(key, t.getYear(), 4).append('-');
            pad(key, t.getMonthValue(), 2).append('-');
            pad(key, t.getDayOfMonth(), 2).append('T');
            pad(key, t.getHour(), 2);
            cachedHourKey = key.toString();
            cachedHour = epochHour;
        }
        return cachedHourKey;
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }
}
