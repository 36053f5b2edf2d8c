package io.quern.deploy.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Access-log files with a known distribution of requests (Common and Combined Log Format, several
 * time-zone offsets, query strings, {@code -} sizes) and a known number of garbage lines, with the
 * {@code logstats} output they must give, computed from the requests as generated (never by parsing
 * the lines).
 */
final class AccessLogs {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final String[] HOSTS = {"10.0.0.1", "192.168.1.20", "example.org", "2001:db8::1"};
    private static final String[] USERS = {"-", "alice", "bob"};
    private static final String[] METHODS = {"GET", "GET", "POST", "HEAD", "PUT"};
    private static final String[] PATHS = {"/", "/index.html", "/docs/guide.html", "/search", "/img/logo.png",
        "/api/v1/items", "/wiki/Straße"};
    private static final String[] QUERIES = {null, null, "?q=quern", "?q=a+b&page=2", "?", "?next=/other?x=1"};
    private static final String[] PROTOCOLS = {"HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", null};
    private static final int[] STATUSES = {200, 200, 200, 200, 304, 404, 500, 301, 206};
    private static final String[] OFFSETS = {"+0000", "-0700", "+0530", "+1400", "-1200", "-0330", "+0100"};
    private static final String[] REFERERS = {"-", "http://example.org/start", "http://example.org/?q=\\\"quoted\\\""};
    private static final String[] AGENTS = {"Mozilla/5.0 (X11; Linux x86_64)", "curl/8.4.0", "say \\\"hi\\\" bot/1.0"};

    /** Lines that do not parse, each for its own reason. */
    static final List<String> GARBAGE = List.of(
            "garbage",
            "",
            "10.0.0.1 - - [30/Feb/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 10",
            "10.0.0.1 - - [29/Feb/2023:10:00:00 +0000] \"GET / HTTP/1.1\" 200 10",
            "10.0.0.1 - - [10/Feb/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 2x0 10",
            "10.0.0.1 - - [10/Feb/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 12a",
            "10.0.0.1 - - [10/Foo/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 10",
            "10.0.0.1 - - [10/Feb/2024:24:00:00 +0000] \"GET / HTTP/1.1\" 200 10",
            "10.0.0.1 - - [10/Feb/2024:10:00:00 +0000] \"-\" 400 0",
            "10.0.0.1 - - [10/Feb/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 600 10",
            "10.0.0.1 - - [10/Feb/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 10 extra",
            "10.0.0.1 - - [10/Feb/2024:10:00:00 +1900] \"GET / HTTP/1.1\" 200 10",
            "10.0.0.1  - - [10/Feb/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 10",
            "10.0.0.1 - - [10/Feb/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 10 \"http://example.org/\"",
            "10.0.0.1 - - [10/Feb/2024:10:00:00 +0000] \"get / HTTP/1.1\" 200 10",
            "10.0.0.1 - - [10/Feb/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200",
            "10.0.0.1 - - [10/Feb/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 099 10",
            "10.0.0.1 - - [10/Feb/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1234567890123456789");
    private static final int GARBAGE_COPIES = 2;

    /** One request as generated; {@code query} includes its {@code ?}; null bytes is written {@code -}. */
    record Request(String host, String user, LocalDateTime local, String offset, String method, String path,
                   String query, String protocol, int status, Long bytes, String referer, String agent) {
        String line() {
            StringBuilder sb = new StringBuilder();
            sb.append(host).append(" - ").append(user).append(" [");
            sb.append(String.format("%02d/%s/%04d:%02d:%02d:%02d", local.getDayOfMonth(),
                    MONTHS[local.getMonthValue() - 1], local.getYear(), local.getHour(), local.getMinute(),
                    local.getSecond()));
            sb.append(' ').append(offset).append("] \"").append(method).append(' ').append(path);
            if (query != null) {
                sb.append(query);
            }
            if (protocol != null) {
                sb.append(' ').append(protocol);
            }
            sb.append("\" ").append(status).append(' ').append(bytes == null ? "-" : bytes.toString());
            if (referer != null) {
                sb.append(" \"").append(referer).append("\" \"").append(agent).append('"');
            }
            return sb.toString();
        }

        String utcHour() {
            LocalDateTime utc = local.atOffset(ZoneOffset.of(offset)).withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime();
            return String.format("%04d-%02d-%02dT%02d", utc.getYear(), utc.getMonthValue(), utc.getDayOfMonth(),
                    utc.getHour());
        }
    }

    final List<Request> requests = new ArrayList<>();
    final Map<String, Long> expected = new TreeMap<>();
    long malformed;

    /** Writes {@code files} log files of about {@code requestsPerFile} requests each, plus the garbage. */
    static AccessLogs write(Path dir, int files, int requestsPerFile, long seed) throws IOException {
        AccessLogs logs = new AccessLogs();
        SplittableRandom rnd = new SplittableRandom(seed);
        // Offsets that move the request into another UTC day, month or year (2024 is a leap year).
        logs.requests.add(new Request("10.0.0.9", "-", LocalDateTime.of(2023, 12, 31, 22, 30, 0), "-0300", "GET",
                "/new-year", null, "HTTP/1.1", 200, 512L, null, null));
        logs.requests.add(new Request("10.0.0.9", "-", LocalDateTime.of(2024, 1, 1, 2, 10, 0), "+0530", "GET",
                "/new-year", "?tz=ist", "HTTP/1.1", 404, null, "-", "curl/8.4.0"));
        logs.requests.add(new Request("10.0.0.9", "-", LocalDateTime.of(2024, 2, 29, 23, 59, 59), "-0100", "GET",
                "/leap", null, "HTTP/1.1", 200, 7L, null, null));
        logs.requests.add(new Request("10.0.0.9", "-", LocalDateTime.of(2024, 3, 1, 0, 5, 0), "+1400", "POST",
                "/leap", null, null, 500, 0L, null, null));
        LocalDateTime base = LocalDateTime.of(2024, 2, 28, 18, 0, 0);
        for (int i = 0; i < files * requestsPerFile; i++) {
            boolean combined = rnd.nextBoolean();
            logs.requests.add(new Request(pick(rnd, HOSTS), pick(rnd, USERS),
                    base.plusSeconds(rnd.nextLong(60 * 3600)), pick(rnd, OFFSETS), pick(rnd, METHODS),
                    pick(rnd, PATHS), pick(rnd, QUERIES), pick(rnd, PROTOCOLS), STATUSES[rnd.nextInt(STATUSES.length)],
                    rnd.nextInt(5) == 0 ? null : (Long) rnd.nextLong(200_000),
                    combined ? pick(rnd, REFERERS) : null, combined ? pick(rnd, AGENTS) : null));
        }
        List<List<String>> perFile = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            perFile.add(new ArrayList<>());
        }
        for (Request r : logs.requests) {
            perFile.get(rnd.nextInt(files)).add(r.line());
            logs.count("status:" + r.status(), 1);
            logs.count("path:" + r.path(), 1);
            logs.count("hour:" + r.utcHour(), 1);
            logs.count("bytes:" + r.status(), r.bytes() == null ? 0 : r.bytes());
        }
        for (int copy = 0; copy < GARBAGE_COPIES; copy++) {
            for (String g : GARBAGE) {
                List<String> lines = perFile.get(rnd.nextInt(files));
                // never last: an empty last line without a terminator would be no line at all
                lines.add(rnd.nextInt(lines.size()), g);
                logs.malformed++;
            }
        }
        logs.count("malformed", logs.malformed);
        Files.createDirectories(dir);
        for (int f = 0; f < files; f++) {
            StringBuilder sb = new StringBuilder();
            List<String> lines = perFile.get(f);
            for (int i = 0; i < lines.size(); i++) {
                sb.append(lines.get(i));
                if (i < lines.size() - 1 || f != 0) { // the first file has no final line terminator
                    sb.append(rnd.nextInt(3) == 0 ? "\r\n" : "\n");
                }
            }
            Files.writeString(dir.resolve("access-" + f + ".log"), sb, StandardCharsets.UTF_8);
        }
        return logs;
    }

    private void count(String key, long n) {
        expected.merge(key, n, Long::sum);
    }

    private static String pick(SplittableRandom rnd, String[] choices) {
        return choices[rnd.nextInt(choices.length)];
    }
}
