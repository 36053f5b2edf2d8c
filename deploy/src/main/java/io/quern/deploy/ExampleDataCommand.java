package io.quern.deploy;

import io.quern.client.cli.ExitCodes;
import io.quern.client.cli.Sizes;
import io.quern.examples.data.DataKind;
import io.quern.examples.data.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "example-data", mixinStandardHelpOptions = true,
        description = "Generate deterministic sample input: English-like text or web server access logs.")
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
        if (Files.exists(output) && (!Files.isDirectory(output) || Files.list(output).findAny().isPresent())) {
            throw new IllegalArgumentException("output already exists and is not an empty directory: " + output);
        }
        Files.createDirectories(output);
        SampleData.generate(k, output, files, bytes, seed);
        System.err.println("wrote " + files + " " + kind + " files, about " + bytes + " bytes, to " + output);
        return ExitCodes.OK;
    }
}
