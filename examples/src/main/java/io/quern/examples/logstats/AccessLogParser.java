package io.quern.examples.logstats;

import java.time.LocalDate;

/**
 * A strict parser for one access-log line in Common Log Format,
 * <pre>host ident authuser [dd/MMM/yyyy:HH:mm:ss Z] "METHOD PATH [PROTOCOL]" status bytes</pre>
 * optionally followed by the two Combined Log Format fields {@code "referer" "user-agent"}.
 *
 * <p>What it accepts: fields separated by exactly one space; host, ident and authuser non-empty and
 * without spaces; a real date (day valid for its month, leap years included), English month
 * abbreviations {@code Jan}..{@code Dec}, hours 00-23, minutes and seconds 00-59, an offset
 * {@code +HHMM}/{@code -HHMM} of at most 18 hours; a request of upper-case letters, one space, a
 * non-empty path and optionally one space and a non-empty protocol (so {@code "-"} is rejected);
 * a status of three digits from 100 to 599; bytes as {@code -} or at most 18 digits; inside quoted
 * fields a backslash escapes the next character, as Apache writes {@code \"}. Nothing may follow
 * the last field.
 *
 * <p>Parsing creates no objects per line: the results are read through the accessors until the
 * next {@link #parse}. Confined to one thread.
 */
final class AccessLogParser {

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    /** Length of {@code dd/MMM/yyyy:HH:mm:ss +hhmm}. */
    private static final int TIMESTAMP_LENGTH = 26;
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private String line;
    private int pos;

    private int status;
    private long bytes;
    private int pathStart;
    private int pathEnd;
    private long epochSecond;

    // Lines come roughly in time order, so the day of the previous line is usually the same.
    private int cachedDate = -1; // yyyymmdd
    private long cachedEpochDay;

    /** @return whether the line is a well-formed access-log line; if so the accessors describe it */
    boolean parse(String line) {
        this.line = line;
        this.pos = 0;
        return token() && space() // host
                && token() && space() // ident
                && token() && space() // authuser
                && timestampField() && space()
                && requestField() && space()
                && statusField() && space()
                && bytesField()
                && (atEnd() || (space() && quoted() && space() && quoted() && atEnd()));
    }

    /** The status code, 100..599. */
    int status() {
        return status;
    }

    /** The response size; 0 when the log says {@code -}. */
    long bytes() {
        return bytes;
    }

    /** Start (inclusive) of the request path in the line. */
    int pathStart() {
        return pathStart;
    }

    /** End (exclusive) of the request path in the line, before any {@code ?query}. */
    int pathEnd() {
        return pathEnd;
    }

    /** The request time as seconds since the epoch (so in UTC). */
    long epochSecond() {
        return epochSecond;
    }

    private boolean atEnd() {
        return pos == line.length();
    }

    private boolean space() {
        if (pos < line.length() && line.charAt(pos) == ' ') {
            pos++;
            return true;
        }
        return false;
    }

    /** One or more characters up to the next space or the end. */
    private boolean token() {
        int start = pos;
        while (pos < line.length() && line.charAt(pos) != ' ') {
            pos++;
        }
        return pos > start;
    }

    /** A double-quoted field with backslash escapes; leaves {@code pos} after the closing quote. */
    private boolean quoted() {
        return closingQuote() >= 0;
    }

    /** Consumes {@code "...\"...} and returns the index of the closing quote, or -1. */
    private int closingQuote() {
        if (pos >= line.length() || line.charAt(pos) != '"') {
            return -1;
        }
        for (int i = pos + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                pos = i + 1;
                return i;
            }
        }
        return -1;
    }

    /** {@code "METHOD SP PATH [SP PROTOCOL]"}. */
    private boolean requestField() {
        int open = pos;
        int close = closingQuote();
        if (close < 0) {
            return false;
        }
        int i = open + 1;
        while (i < close && line.charAt(i) >= 'A' && line.charAt(i) <= 'Z') {
            i++;
        }
        if (i == open + 1 || i == close || line.charAt(i) != ' ') {
            return false;
        }
        pathStart = ++i;
        int query = -1;
        while (i < close && line.charAt(i) != ' ') {
            if (line.charAt(i) == '?' && query < 0) {
                query = i;
            }
            i++;
        }
        if (i == pathStart) {
            return false;
        }
        pathEnd = query >= 0 ? query : i;
        if (i == close) {
            return true; // no protocol, as in HTTP/0.9
        }
        int protocolStart = ++i;
        while (i < close && line.charAt(i) != ' ') {
            i++;
        }
        return i == close && i > protocolStart;
    }

    private boolean statusField() {
        if (pos + 3 > line.length()) {
            return false;
        }
        int value = digits(pos, 3);
        if (value < 100 || value > 599) {
            return false;
        }
        status = value;
        pos += 3;
        return pos == line.length() || line.charAt(pos) == ' ';
    }

    private boolean bytesField() {
        if (pos < line.length() && line.charAt(pos) == '-') {
            bytes = 0;
            pos++;
            return pos == line.length() || line.charAt(pos) == ' ';
        }
        long value = 0;
        int start = pos;
        while (pos < line.length() && line.charAt(pos) != ' ') {
            char c = line.charAt(pos);
            if (c < '0' || c > '9' || pos - start == 18) {
                return false;
            }
            value = value * 10 + (c - '0');
            pos++;
        }
        bytes = value;
        return pos > start;
    }

    /** {@code [dd/MMM/yyyy:HH:mm:ss +hhmm]}, validated strictly. */
    private boolean timestampField() {
        int p = pos;
        if (p + TIMESTAMP_LENGTH + 2 > line.length()
                || line.charAt(p) != '[' || line.charAt(p + TIMESTAMP_LENGTH + 1) != ']') {
            return false;
        }
        p++;
        if (line.charAt(p + 2) != '/' || line.charAt(p + 6) != '/' || line.charAt(p + 11) != ':'
                || line.charAt(p + 14) != ':' || line.charAt(p + 17) != ':'
                || line.charAt(p + 20) != ' ') {
            return false;
        }
        int day = digits(p, 2);
        int month = month(p + 3);
        int year = digits(p + 7, 4);
        int hour = digits(p + 12, 2);
        int minute = digits(p + 15, 2);
        int second = digits(p + 18, 2);
        char sign = line.charAt(p + 21);
        int offsetHours = digits(p + 22, 2);
        int offsetMinutes = digits(p + 24, 2);
        if (month < 1 || year < 1 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || (sign != '+' && sign != '-') || offsetHours < 0 || offsetMinutes < 0
                || offsetMinutes > 59) {
            return false;
        }
        int offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
        if (offsetSeconds > MAX_OFFSET_SECONDS) {
            return false;
        }
        if (sign == '-') {
            offsetSeconds = -offsetSeconds;
        }
        long localSecond = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        epochSecond = localSecond - offsetSeconds;
        pos += TIMESTAMP_LENGTH + 2;
        return true;
    }

    private long epochDay(int year, int month, int day) {
        int date = year * 10_000 + month * 100 + day;
        if (date != cachedDate) {
            cachedEpochDay = LocalDate.of(year, month, day).toEpochDay();
            cachedDate = date;
        }
        return cachedEpochDay;
    }

    /** The ASCII decimal number in {@code line[at, at + count)}, or -1 if any char is not a digit. */
    private int digits(int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** 1..12 for {@code Jan}..{@code Dec} at {@code at}, else -1. */
    private int month(int at) {
        for (int m = 0; m < MONTHS.length; m++) {
            if (line.startsWith(MONTHS[m], at)) {
                return m + 1;
            }
        }
        return -1;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }
}
