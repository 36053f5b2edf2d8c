package io.quern.examples.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes web server access logs, a mix of Combined Log Format (most lines) and Common Log Format:
 * <pre>
 * 203.0.113.7 - - [28/Feb/2024:14:02:11 -0700] "GET /blog/2023/trasel?page=2 HTTP/1.1" 200 5120 "-" "curl/8.5.0"
 * </pre>
 * Clients come from the documentation address ranges (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24, 2001:db8::/32) and, like paths, follow a skewed distribution; some paths carry a
 * query string; statuses are weighted (mostly 200, then 304, 404, redirects, errors); sizes are
 * numbers or {@code -}. Time advances by zero to two seconds a line from 28 Feb 2024 22:30 UTC, so
 * logs of a megabyte or more cross midnight into a leap day, and each line is written in one of
 * several UTC offsets ({@code -0930} to {@code +0900}, half-hour ones included).
 *
 * <p>A chosen fraction of lines is malformed in one of several ways: random garbage, a line cut
 * before the end of its timestamp, an impossible date (30 February, hour 25...), a status or a size
 * that is not a number, a request without its quotes. The same arguments always produce the same
 * bytes.
 */
public final class AccessLogGenerator {

    /** The share of malformed lines {@link SampleData} asks for. */
    public static final double DEFAULT_MALFORMED_FRACTION = 0.01;

    private static final long START_EPOCH_SECOND = 1_709_159_400L; // 2024-02-28T22:30:00Z
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    private static final int[] OFFSET_MINUTES = {-570, -420, -300, -240, 0, 0, 60, 330, 345, 540};
    private static final Weighted<String> METHODS = new Weighted<String>()
            .add("GET", 86).add("POST", 9).add("HEAD", 3).add("PUT", 1).add("DELETE", 1);
    private static final Weighted<String> PROTOCOLS = new Weighted<String>()
            .add("HTTP/1.1", 80).add("HTTP/2.0", 12).add("HTTP/1.0", 8);
    private static final Weighted<Integer> STATUSES = new Weighted<Integer>()
            .add(200, 680).add(304, 100).add(404, 80).add(301, 30).add(302, 30).add(403, 20)
            .add(500, 20).add(206, 10).add(400, 10).add(401, 10).add(503, 5).add(204, 5);
    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64) ExampleBrowser/121.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) ExampleBrowser/120.0",
        "Mozilla/5.0 (compatible; ExampleBot/2.1; +https://www.example.com/bot)",
        "ExampleApp/3.2 (iPhone; iOS 17.1)",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.31.0",
        "Scanner \\\"probe\\\" 0.1", // quotes inside a field are escaped in real logs too
    };
    private static final String[] BAD_DATES = {
        "30/Feb/2024:10:00:00 +0000", "29/Feb/2023:10:00:00 +0000", "31/Apr/2024:08:15:00 -0700",
        "12/Mar/2024:25:10:00 +0100", "12/Mar/2024:10:61:00 +0000", "12/Foo/2024:10:00:00 +0000",
        "00/Mar/2024:10:00:00 +0000",
    };
    private static final String[] BAD_STATUSES = {"2OO", "abc", "-", "OK"};
    private static final String[] BAD_SIZES = {"12k", "1,024", "abc", "0x1F"};

    private enum Malformation { NONE, GARBAGE, TRUNCATED, BAD_DATE, BAD_STATUS, BAD_SIZE, NO_QUOTES }

    private static final Malformation[] MALFORMATIONS = {
        Malformation.GARBAGE, Malformation.TRUNCATED, Malformation.BAD_DATE,
        Malformation.BAD_STATUS, Malformation.BAD_SIZE, Malformation.NO_QUOTES
    };

    private AccessLogGenerator() {}

    /** The name of the file of that index: {@code access-00000.log} and so on. */
    public static String fileName(int index) {
        return String.format("access-%05d.log", index);
    }

    /**
     * Writes {@code files} files named by {@link #fileName} into {@code dir} (created if needed),
     * together about {@code totalBytes} bytes, split evenly; each line is malformed with probability
     * {@code malformedFraction}.
     *
     * @throws IllegalArgumentException if {@code files < 1}, {@code totalBytes < 0} or the fraction
     *     is not within [0, 1]
     */
    public static void generate(Path dir, int files, long totalBytes, double malformedFraction,
            long seed) throws IOException {
        generate(dir, Skew.NONE.fileShares(files, totalBytes), malformedFraction, seed);
    }

    /**
     * As {@link #generate(Path, int, long, double, long)}, with file {@code i} about
     * {@code shares[i]} bytes (see {@link Skew#fileShares}).
     *
     * @throws IllegalArgumentException if there are no shares, one is negative, or the fraction is
     *     not within [0, 1]
     */
    public static void generate(Path dir, long[] shares, double malformedFraction, long seed) throws IOException {
        if (shares.length < 1) {
            throw new IllegalArgumentException("files must be at least 1: " + shares.length);
        }
        for (long share : shares) {
            if (share < 0) {
                throw new IllegalArgumentException("a file's size must not be negative: " + share);
            }
        }
        int files = shares.length;
        if (!(malformedFraction >= 0 && malformedFraction <= 1)) {
            throw new IllegalArgumentException("malformedFraction must be within [0, 1]: " + malformedFraction);
        }
        Files.createDirectories(dir);
        SplittableRandom master = new SplittableRandom(seed);
        Site site = new Site(master.split());
        for (int i = 0; i < files; i++) {
            SplittableRandom random = master.split();
            try (ByteSink sink = new ByteSink(Files.newOutputStream(dir.resolve(fileName(i))))) {
                new FileWriter(site, random, sink, malformedFraction).write(shares[i]);
            }
        }
    }

    /** The clients, paths and words shared by all files of one run. */
    private static final class Site {
        final List<byte[]> hosts = new ArrayList<>();
        final List<String> paths = new ArrayList<>();
        final List<String> words = new ArrayList<>();
        final ZipfSampler hostRanks;
        final ZipfSampler pathRanks;

        Site(SplittableRandom random) {
            String[] networks = {"192.0.2.", "198.51.100.", "203.0.113."};
            for (int i = 0; i < 2_000; i++) {
                String host = random.nextInt(20) == 0
                        ? "2001:db8::" + Integer.toHexString(1 + random.nextInt(0xfffe))
                        : networks[random.nextInt(networks.length)] + (1 + random.nextInt(254));
                hosts.add(host.getBytes(StandardCharsets.US_ASCII));
            }
            for (int i = 0; i < 500; i++) {
                words.add(Vocabulary.syllables(random, 1 + random.nextInt(3)));
            }
            paths.addAll(List.of("/", "/index.html", "/favicon.ico", "/search", "/robots.txt"));
            while (paths.size() < 1_500) {
                String word = words.get(random.nextInt(words.size()));
                paths.add(switch (random.nextInt(7)) {
                    case 0 -> "/static/css/" + word + ".css";
                    case 1 -> "/images/" + word + ".png";
                    case 2 -> "/blog/" + (2015 + random.nextInt(10)) + "/" + word;
                    case 3 -> "/api/v1/items/" + random.nextInt(10_000);
                    case 4 -> "/docs/" + word + ".html";
                    case 5 -> "/products/" + random.nextInt(5_000);
                    default -> "/" + word;
                });
            }
            hostRanks = new ZipfSampler(hosts.size(), 0.9);
            pathRanks = new ZipfSampler(paths.size(), 1.1);
        }
    }

    /** Writes one file. */
    private static final class FileWriter {
        private final Site site;
        private final SplittableRandom random;
        private final ByteSink sink;
        private final double malformedFraction;
        private long epochSecond;

        FileWriter(Site site, SplittableRandom random, ByteSink sink, double malformedFraction) {
            this.site = site;
            this.random = random;
            this.sink = sink;
            this.malformedFraction = malformedFraction;
            this.epochSecond = START_EPOCH_SECOND + random.nextInt(600);
        }

        void write(long share) throws IOException {
            while (sink.position() < share) {
                epochSecond += random.nextInt(3);
                Malformation malformation = random.nextDouble() < malformedFraction
                        ? MALFORMATIONS[random.nextInt(MALFORMATIONS.length)]
                        : Malformation.NONE;
                if (malformation == Malformation.GARBAGE) {
                    garbage();
                } else {
                    line(malformation);
                }
                sink.write((byte) '\n');
                sink.endRecord();
            }
        }

        private void garbage() {
            for (int i = 10 + random.nextInt(90); i > 0; i--) {
                sink.write((byte) (random.nextInt(8) == 0 ? ' ' : 33 + random.nextInt(94)));
            }
        }

        private void line(Malformation malformation) {
            long lineStart = sink.position();
            sink.write(site.hosts.get(site.hostRanks.sample(random)));
            sink.writeAscii(random.nextInt(30) == 0 ? " - user" + random.nextInt(50) + " [" : " - - [");
            if (malformation == Malformation.BAD_DATE) {
                sink.writeAscii(BAD_DATES[random.nextInt(BAD_DATES.length)]);
            } else {
                timestamp();
            }
            if (malformation == Malformation.TRUNCATED) {
                // Cut somewhere before the closing bracket: the timestamp is never complete.
                sink.truncate(lineStart + 1 + random.nextInt((int) (sink.position() - lineStart)));
                return;
            }
            String quote = malformation == Malformation.NO_QUOTES ? "" : "\"";
            sink.writeAscii("] ");
            sink.writeAscii(quote);
            sink.writeAscii(METHODS.pick(random));
            sink.write((byte) ' ');
            String path = site.paths.get(site.pathRanks.sample(random));
            sink.writeAscii(path);
            if (random.nextInt(100) < 15) {
                sink.writeAscii("?q=" + site.words.get(random.nextInt(site.words.size()))
                        + "&page=" + (1 + random.nextInt(9)));
            }
            sink.write((byte) ' ');
            sink.writeAscii(PROTOCOLS.pick(random));
            sink.writeAscii(quote);
            sink.write((byte) ' ');
            int status = STATUSES.pick(random);
            if (malformation == Malformation.BAD_STATUS) {
                sink.writeAscii(BAD_STATUSES[random.nextInt(BAD_STATUSES.length)]);
            } else {
                sink.writeDecimal(status, 3);
            }
            sink.write((byte) ' ');
            if (malformation == Malformation.BAD_SIZE) {
                sink.writeAscii(BAD_SIZES[random.nextInt(BAD_SIZES.length)]);
            } else {
                size(status);
            }
            if (random.nextInt(4) != 0) {
                combinedFields();
            }
        }

        private void timestamp() {
            int offsetMinutes = OFFSET_MINUTES[random.nextInt(OFFSET_MINUTES.length)];
            LocalDateTime local = LocalDateTime.ofEpochSecond(
                    epochSecond + offsetMinutes * 60L, 0, ZoneOffset.UTC);
            sink.writeDecimal(local.getDayOfMonth(), 2);
            sink.write((byte) '/');
            sink.writeAscii(MONTHS[local.getMonthValue() - 1]);
            sink.write((byte) '/');
            sink.writeDecimal(local.getYear(), 4);
            sink.write((byte) ':');
            sink.writeDecimal(local.getHour(), 2);
            sink.write((byte) ':');
            sink.writeDecimal(local.getMinute(), 2);
            sink.write((byte) ':');
            sink.writeDecimal(local.getSecond(), 2);
            sink.writeAscii(offsetMinutes < 0 ? " -" : " +");
            sink.writeDecimal(Math.abs(offsetMinutes) / 60, 2);
            sink.writeDecimal(Math.abs(offsetMinutes) % 60, 2);
        }

        private void size(int status) {
            if (status == 304 || random.nextInt(25) == 0) {
                sink.write((byte) '-');
            } else if (status == 204) {
                sink.write((byte) '0');
            } else if (status >= 400) {
                sink.writeDecimal(150 + random.nextInt(2_000), 1);
            } else {
                sink.writeDecimal((long) Math.exp(5 + 8 * random.nextDouble()), 1);
            }
        }

        private void combinedFields() {
            sink.writeAscii(" \"");
            int referer = random.nextInt(20);
            if (referer < 9) {
                sink.write((byte) '-');
            } else if (referer < 17) {
                sink.writeAscii("https://www.example.com" + site.paths.get(site.pathRanks.sample(random)));
            } else {
                sink.writeAscii("https://search.example.org/?q="
                        + site.words.get(random.nextInt(site.words.size())));
            }
            sink.writeAscii("\" \"");
            sink.writeAscii(USER_AGENTS[random.nextInt(USER_AGENTS.length)]);
            sink.write((byte) '"');
        }
    }

    /** A small weighted choice, picked by a linear scan. */
    private static final class Weighted<T> {
        private final List<T> values = new ArrayList<>();
        private final List<Integer> cumulative = new ArrayList<>();
        private int total;

        Weighted<T> add(T value, int weight) {
            total += weight;
            values.add(value);
            cumulative.add(total);
            return this;
        }

        T pick(SplittableRandom random) {
            int r = random.nextInt(total);
            int i = 0;
            while (cumulative.get(i) <= r) {
                i++;
            }
            return values.get(i);
        }
    }
}
