package io.quern.deploy;

import io.quern.client.cli.Cli;
import io.quern.client.cli.JobsCommand;
import io.quern.client.cli.KillCommand;
import io.quern.client.cli.StatusCommand;
import io.quern.client.cli.SubmitCommand;
import io.quern.client.cli.WorkersCommand;
import io.quern.client.settings.Settings;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quern} command: wires the subcommands and exits with the contract's code. */
@Command(name = "quern", mixinStandardHelpOptions = true, versionProvider = QuernMain.Version.class,
        description = "Quern, a distributed MapReduce engine.",
        subcommands = {LocalCommand.class, SubmitCommand.class, StatusCommand.class, JobsCommand.class,
                KillCommand.class, WorkersCommand.class, ZooKeeperCommand.class, CoordinatorCommand.class,
                WorkerCommand.class, ExampleDataCommand.class, SortRowsCommand.class,
                SortValidateCommand.class, io.quern.deploy.certs.CertsCommand.class})
public final class QuernMain implements Runnable {
    /** The sample data's generators and checkers, and certs: they take everything from their command line. */
    static final Set<String> WITHOUT_SETTINGS = Set.of("example-data", "sort-rows", "sort-validate", "certs");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine(System.getenv()).execute(args);
        } catch (Throwable t) { // an Error escapes picocli's handlers; still one line and an exit code
            org.slf4j.LoggerFactory.getLogger(QuernMain.class).error("quern failed", t);
            System.err.println("quern: " + t);
            code = io.quern.client.cli.ExitCodes.JOB_FAILED;
        }
        System.exit(code);
    }

    /** The whole command tree, its settings read from {@code env} and the config file. */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine cl = Cli.commandLine(new QuernMain());
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Version()); // so that 'quern worker --version' answers too
        }
        Settings.install(cl, env, WITHOUT_SETTINGS);
        return cl;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing a command");
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = QuernMain.class.getPackage().getImplementationVersion();
            return new String[] {"quern " + (v == null ? "development build" : v)};
        }
    }
}
