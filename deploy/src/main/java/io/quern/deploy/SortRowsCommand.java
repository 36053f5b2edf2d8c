package io.quern.deploy;

import io.quern.client.cli.ExitCodes;
import io.quern.client.cli.Sizes;
import io.quern.examples.sort.RowRanges;
import io.quern.examples.sort.SortRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sort-rows", mixinStandardHelpOptions = true,
        description = "Write the input of the sortgen job: one small file of row ranges per map task. "
                + "Then: quern local --job sortgen --input DIR --reducers 0 --output OUT [--conf seed=S].")
final class SortRowsCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "directory to create; must not exist")
    Path output;

    @Option(names = "--size", paramLabel = "BYTES",
            description = "how much sortgen is to generate, suffixes k, m, g (" + SortRecord.LENGTH
                    + " bytes a record); or give --records")
    String size;

    @Option(names = "--records", paramLabel = "N", description = "how many records sortgen is to generate")
    Long records;

    @Option(names = "--maps", defaultValue = "4", paramLabel = "M",
            description = "map tasks, one file each (default: ${DEFAULT-VALUE})")
    int maps;

    @Override
    public Integer call() throws Exception {
        if ((size == null) == (records == null)) {
            throw new IllegalArgumentException("give one of --size and --records");
        }
        long n = records != null ? records : Sizes.parseBytes(size) / SortRecord.LENGTH;
        if (n < 0) {
            throw new IllegalArgumentException("--records must not be negative, not " + n);
        }
        if (maps < 1) {
            throw new IllegalArgumentException("--maps must be at least 1, not " + maps);
        }
        if (Files.exists(output)) {
            throw new IllegalArgumentException("output already exists: " + output);
        }
        RowRanges.write(output, n, maps);
        System.err.println("wrote " + maps + " row range files for " + n + " records (" + n * SortRecord.LENGTH
                + " bytes) to " + output);
        return ExitCodes.OK;
    }
}
