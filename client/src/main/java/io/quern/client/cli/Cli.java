package io.quern.client.cli;

import io.quern.client.JobRejectedException;
import io.quern.client.settings.Settings;
import io.quern.common.cluster.ClusterUnreachableException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Builds the {@code quern} command line with the contract's error handling: a usage mistake or bad
 * input is one line on stderr and exit 2; an unreachable cluster exit 3; no stack trace reaches the
 * user (it goes to the log, where there is one). When the tree has {@link Settings}, a mistake in
 * a value from the config file or the environment names where that value came from.
 */
public final class Cli {
    private Cli() {}

    public static CommandLine commandLine(Object top) {
        CommandLine cl = new CommandLine(top);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            String name = c.getCommandSpec().qualifiedName();
            Optional<String> fromSettings = Settings.explain(ex);
            c.getErr().println(name + ": " + fromSettings.map(Cli::firstLine)
                    .orElseGet(() -> firstLine(ex.getMessage()) + " (see '" + name + " --help')"));
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter err = c.getErr();
            String name = c.getCommandSpec().qualifiedName();
            if (ex instanceof JobRejectedException || ex instanceof IllegalArgumentException) {
                err.println(name + ": " + Settings.annotate(c, firstLine(ex.getMessage())));
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof ClusterUnreachableException) {
                err.println(name + ": " + firstLine(ex.getMessage()));
                return ExitCodes.UNREACHABLE;
            }
            org.slf4j.LoggerFactory.getLogger(Cli.class).error("{} failed", name, ex);
            err.println(name + ": " + firstLine(String.valueOf(ex)));
            return ExitCodes.JOB_FAILED;
        });
        return cl;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
