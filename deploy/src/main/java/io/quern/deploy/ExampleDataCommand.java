package io.quern.deploy;

import io.quern.client.cli.ExitCodes;
import io.quern.client.cli.Sizes;
import io.quern.examples.data.DataKind;
import io.quern.examples.data.SampleData;
import io.quern.examples.data.Skew;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "example-data", mixinStandardHelpOptions = true,
        description = "Generate deterministic sample input: English-like text or web server access logs, "
                + "even or skewed (one large file, a hot word) to exercise straggler and skew handling.")
final class ExampleDataCommand implements Callable<Integer> {
    @Option(names = "--kind", defaultValue = "text", paramLabel = "KIND",
            description = "text or logs (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "directory to write (created)")
    Path output;

    @Option(names = "--size", defaultValue = "16m", paramLabel = "BYTES",
            description = "total size, suffixes k, m, g (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--files", defaultValue = "4", paramLabel = "N", description = "number of files (default: ${DEFAULT-VALUE})")
    int files;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED", description = "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--skew-file", defaultValue = "1", paramLabel = "FACTOR",
            description = "make the first file FACTOR times the size of each other file, the total unchanged "
                    + "(default: ${DEFAULT-VALUE}, all the same size)")
    double skewFile;

    @Option(names = "--zipf", paramLabel = "EXPONENT",
            description = "text only: draw words with probability proportional to 1/rank^EXPONENT "
                    + "(default: " + Skew.DEFAULT_ZIPF_EXPONENT + "; 2 makes the top word about 60%% of all)")
    Double zipf;

    @Option(names = "--hot-key-share", defaultValue = "0", paramLabel = "SHARE",
            description = "text only: make this share (0..1) of all words the word 'the' "
                    + "('The' at the start of a sentence), the rest Zipf-distributed (default: ${DEFAULT-VALUE})")
    double hotKeyShare;

    @Override
    public Integer call() throws Exception {
        DataKind k = switch (kind) {
            case "text" -> DataKind.TEXT;
            case "logs" -> DataKind.LOGS;
            default -> throw new IllegalArgumentException("--kind must be text or logs, not '" + kind + "'");
        };
        if (files < 1) {
            throw new IllegalArgumentException("--files must be at least 1");
        }
        long bytes = Sizes.parseBytes(size);
        Skew skew = skew();
        if (k == DataKind.LOGS && skew.skewsKeys()) {
            throw new IllegalArgumentException("--zipf and --hot-key-share apply to --kind text only");
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new IllegalArgumentException("output exists and is not a directory: " + output);
        }
        if (Files.isDirectory(output)) {
            // Re-running the same command rewrites the same files; anything else there would mix into the input.
            java.util.Set<String> ours = new java.util.HashSet<>();
            for (int i = 0; i < files; i++) {
                ours.add(k == DataKind.TEXT ? io.quern.examples.data.TextCorpusGenerator.fileName(i)
                        : io.quern.examples.data.AccessLogGenerator.fileName(i));
            }
            try (var existing = Files.list(output)) {
                var foreign = existing.map(p -> p.getFileName().toString()).filter(n -> !ours.contains(n)).findFirst();
                if (foreign.isPresent()) {
                    throw new IllegalArgumentException("output directory " + output + " holds other files ("
                            + foreign.get() + "); choose a new or empty directory");
                }
            }
        }
        Files.createDirectories(output);
        SampleData.generate(k, output, files, bytes, skew, seed);
        System.err.println("wrote " + files + " " + kind + " files, about " + bytes + " bytes, to " + output
                + (skew.fileFactor() > 1 && files > 1 ? "; the first is " + skewFile + "x each other" : ""));
        return ExitCodes.OK;
    }

    private Skew skew() {
        if (!(skewFile >= 1) || Double.isInfinite(skewFile)) {
            throw new IllegalArgumentException("--skew-file must be a number of at least 1, not " + skewFile);
        }
        double exponent = zipf == null ? Skew.DEFAULT_ZIPF_EXPONENT : zipf;
        if (!(exponent > 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("--zipf must be a positive number, not " + zipf);
        }
        if (!(hotKeyShare >= 0 && hotKeyShare <= 1)) {
            throw new IllegalArgumentException("--hot-key-share must be within 0 and 1, not " + hotKeyShare);
        }
        return new Skew(skewFile, exponent, hotKeyShare);
    }
}
