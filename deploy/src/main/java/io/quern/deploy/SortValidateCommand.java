package io.quern.deploy;

import io.quern.client.cli.ExitCodes;
import io.quern.examples.sort.SortValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sort-validate", mixinStandardHelpOptions = true,
        description = "Check a sort job's output against its input: every line a record, keys ascending within "
                + "and across the part files in name order, and the same records (count and sum of CRC32s). "
                + "Exit 0 when valid, 1 with the reason when not.")
final class SortValidateCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "PATH", description = "what was sorted: a file or a directory")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "the sort job's output directory")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("input does not exist: " + input);
        }
        if (!Files.isDirectory(output)) {
            throw new IllegalArgumentException("output is not a directory: " + output);
        }
        if (!Files.exists(output.resolve("_SUCCESS"))) {
            System.err.println("invalid: " + output + " has no _SUCCESS");
            return ExitCodes.JOB_FAILED;
        }
        List<Path> parts = SortValidator.files(output);
        SortValidator.Verdict v = SortValidator.validate(SortValidator.files(input), parts);
        if (!v.valid()) {
            System.err.println("invalid: " + v.reason());
            return ExitCodes.JOB_FAILED;
        }
        System.out.println("valid " + v.records() + " records in " + parts.size() + " files, checksum "
                + Long.toHexString(v.checksum()) + (v.malformedInput() > 0
                        ? ", " + v.malformedInput() + " input lines that are not records left out" : ""));
        return ExitCodes.OK;
    }
}
