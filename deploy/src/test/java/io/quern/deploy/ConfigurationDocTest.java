package io.quern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.client.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * docs/configuration.md and the example conf/quern.conf against the commands themselves, so that
 * neither misses a setting (an option added later included) nor names one that does not exist.
 */
class ConfigurationDocTest {
    static final String BEGIN =
            "<!-- The settings below are generated from the commands; ConfigurationDocTest checks them. -->";
    static final String END = "<!-- End of the generated settings. -->";
    /** With this system property true, the test rewrites the table instead of failing. */
    private static final String WRITE = "quern.docs.write";
    /** A setting in the example, commented out or not: {@code #worker.slots = 4}. Prose has a space after the #. */
    private static final Pattern EXAMPLE_SETTING = Pattern.compile("^#?([a-z][a-z0-9.-]*) *=", Pattern.MULTILINE);

    private static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path DOC = MODULE.resolveSibling("docs").resolve("configuration.md");
    private static final Path EXAMPLE = MODULE.resolve("src/dist/conf/quern.conf");

    @TempDir
    Path dir;

    /** Made with an empty environment, so the defaults are the ones the options declare. */
    private final CommandLine tree = QuernMain.commandLine(Map.of());
    private final Settings settings = Settings.of(tree).orElseThrow();

    @Test
    void docTable_isTheOneTheCommandsMake() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("%s holds the markers %s and %s", DOC, BEGIN, END).isNotNegative().isLessThan(end);
        String expected = BEGIN + "\n\n" + settings.reference() + "\n" + END;
        String actual = doc.substring(begin, end + END.length());
        if (!actual.equals(expected) && Boolean.getBoolean(WRITE)) {
            Files.writeString(DOC, doc.substring(0, begin) + expected + doc.substring(end + END.length()));
            return;
        }
        assertThat(actual).as("the settings in docs/configuration.md are out of date; rewrite them with "
                + "mvn -B -q -pl deploy -am test -Dtest=ConfigurationDocTest -Dsurefire.failIfNoSpecifiedTests=false "
                + "-D" + WRITE + "=true").isEqualTo(expected);
    }

    @Test
    void everyOption_saysWhatItMeans() {
        List<String> silent = new ArrayList<>();
        for (CommandLine c : tree.getSubcommands().values()) {
            for (OptionSpec o : c.getCommandSpec().options()) {
                if (!o.hidden() && String.join("", o.description()).isBlank()) {
                    silent.add(c.getCommandName() + " " + o.longestName());
                }
            }
        }
        assertThat(silent).as("options without a description, which the settings table would show empty").isEmpty();
    }

    @Test
    void noSetting_takesTheVariablesOfQuernLocalsWorkers() {
        assertThat(settings.reference()).doesNotContain("`" + LocalCommand.WORKER_OPTS_ENV + "`")
                .doesNotContain("`" + WorkerClassArchive.ENV + "`");
    }

    @Test
    void exampleConfig_coversEverySetting() throws IOException {
        Set<String> example = exampleKeys();
        List<String> missing = new ArrayList<>();
        settings.keys().forEach((key, shared) -> {
            if (!example.contains(key) && !example.contains(shared)) {
                missing.add(key);
            }
        });
        assertThat(missing).as("settings that %s does not show, by their key or their shared key", EXAMPLE).isEmpty();
    }

    @Test
    void exampleConfig_withEveryLineUncommented_isValidForEveryCommand() throws IOException {
        Path all = Files.writeString(dir.resolve("quern.conf"),
                Files.readString(EXAMPLE).replaceAll("(?m)^#([a-z])", "$1"));
        for (CommandLine c : tree.getSubcommands().values()) {
            if (QuernMain.WITHOUT_SETTINGS.contains(c.getCommandName())) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of(c.getCommandName(), "--config", all.toString()));
            args.addAll(commandLineOnlyArgs(c.getCommandSpec()));
            QuernMain.commandLine(Map.of()).parseArgs(args.toArray(String[]::new)); // throws on a bad key or value
        }
    }

    /** Values for what a file cannot give: required repeatable options and parameters. */
    private static List<String> commandLineOnlyArgs(CommandSpec c) {
        List<String> args = new ArrayList<>();
        for (OptionSpec o : c.options()) {
            if (o.required() && o.isMultiValue()) {
                args.addAll(List.of(o.longestName(), "x"));
            }
        }
        for (PositionalParamSpec p : c.positionalParameters()) {
            if (p.required()) {
                args.add("x");
            }
        }
        return args;
    }

    private static Set<String> exampleKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        Matcher m = EXAMPLE_SETTING.matcher(Files.readString(EXAMPLE));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
