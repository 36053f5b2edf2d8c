package io.quern.client.settings;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The values of the options a command line leaves out: first the environment, then the config
 * file, and last the default the option declares. Flags therefore win over the environment, and
 * the environment over the file. Each layer is asked for the command's own key
 * ({@code worker.slots}, {@code QUERN_WORKER_SLOTS}) before the shared one ({@code slots},
 * {@code QUERN_SLOTS}), which every command with that option reads.
 *
 * <p>The file is the one {@code --config} names (on {@code quern} or on the command), else the one
 * {@code QUERN_CONF} names, else {@code $QUERN_HOME/conf/quern.conf} if it exists. It is read once
 * per parse, and a file that is missing though named, does not parse, or holds a key that no
 * command reads fails the command with one line. Confined to the thread that parses.
 */
public final class Settings implements CommandLine.IDefaultValueProvider {
    public static final String CONFIG_OPTION = "--config";
    /** Names the config file when {@code --config} does not. */
    public static final String CONF_ENV = "QUERN_CONF";
    /** The installation; its {@link #HOME_FILE} is read when nothing names a file. */
    public static final String HOME_ENV = "QUERN_HOME";
    public static final String HOME_FILE = "conf/quern.conf";

    private static final ConfigFile NO_FILE = new ConfigFile(null, Map.of());
    private static final Pattern PICOCLI_PREFIX = Pattern.compile("^Invalid value for option '[^']*': ");

    private final Map<String, String> env;
    /** Every option of every command that reads settings, help and --config included, to its command. */
    private final Map<ArgSpec, CommandSpec> commandOf = new IdentityHashMap<>();
    private final List<CommandSpec> commands = new ArrayList<>();
    /** Every key a file may hold, command keys and shared keys alike. */
    private final Set<String> keys = new HashSet<>();
    /** Each command key with its shared key, in key order. */
    private final SortedMap<String, String> sharedKeys = new TreeMap<>();
    /** Environment variables to the keys they stand for, to catch two keys with one variable. */
    private final Map<String, String> variables =
            new HashMap<>(Map.of(CONF_ENV, "the config file", HOME_ENV, "the installation"));
    /** The values this provider gave, for errors that must say where a value came from. */
    private final Map<ArgSpec, Origin> origins = new IdentityHashMap<>();
    private ConfigFile file; // null until this parse has looked for it

    private Settings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * Adds {@code --config} to the root and to every command that reads settings, and makes this
     * the default value provider of the whole tree. Call it once the tree is complete.
     *
     * @param env the environment (System.getenv() in main, a map in tests)
     * @param commandsWithoutSettings names of subcommands (and their subtrees) that take everything
     *     from their command line
     */
    public static Settings install(CommandLine root, Map<String, String> env, Set<String> commandsWithoutSettings) {
        Settings settings = new Settings(env);
        settings.addConfigOption(root, true);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!commandsWithoutSettings.contains(sub.getCommandName())) {
                settings.register(sub);
            }
        }
        root.setDefaultValueProvider(settings);
        return settings;
    }

    /** The settings of a command line that {@link #install} set up. */
    public static Optional<Settings> of(CommandLine command) {
        return command.getDefaultValueProvider() instanceof Settings s ? Optional.of(s) : Optional.empty();
    }

    /** The config file this parse read, if any. */
    public Optional<Path> file() {
        return file == null ? Optional.empty() : Optional.ofNullable(file.path());
    }

    /** Every setting's command key ({@code worker.slots}) with its shared key ({@code slots}), in key order. */
    public SortedMap<String, String> keys() {
        return Collections.unmodifiableSortedMap(sharedKeys);
    }

    /** The reference of every setting, as the markdown that docs/configuration.md holds. */
    public String reference() {
        return SettingsReference.markdown(commands);
    }

    /**
     * The line to show for a parse error that a setting caused: a bad file, or a value from the
     * file or the environment that does not convert. Empty when the command line caused it.
     */
    public static Optional<String> explain(CommandLine.ParameterException e) {
        if (e instanceof SettingsException) {
            return Optional.of(e.getMessage());
        }
        Origin origin = of(e.getCommandLine()).map(s -> s.origins.get(e.getArgSpec())).orElse(null);
        if (e.getArgSpec() == null || origin == null || !Objects.equals(origin.value(), e.getValue())) {
            return Optional.empty();
        }
        String reason = PICOCLI_PREFIX.matcher(e.getMessage()).replaceFirst("");
        return Optional.of("invalid " + origin.describe() + ": " + reason);
    }

    /**
     * A command's error message, followed by where the options it names got their values when
     * that was not the command line: {@code --slots must be at least 1, not 0; from worker.slots = 0 (...)}.
     */
    public static String annotate(CommandLine command, String message) {
        Settings settings = of(command).orElse(null);
        if (settings == null || message == null) {
            return message;
        }
        CommandLine.ParseResult parsed = command.getParseResult();
        List<String> from = new ArrayList<>();
        for (OptionSpec o : command.getCommandSpec().options()) {
            Origin origin = settings.origins.get(o);
            if (origin != null && (parsed == null || !parsed.hasMatchedOption(o)) && mentions(message, o)) {
                from.add(origin.describe());
            }
        }
        return from.isEmpty() ? message : message + "; from " + String.join(", ", from);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        CommandSpec command = commandOf.get(arg);
        if (command == null) {
            return null;
        }
        // Picocli asks about every option it was not given, --config and --help included, so a
        // bad file is reported even when the command line gives every setting.
        ConfigFile f = file(command.commandLine());
        if (!(arg instanceof OptionSpec o) || !SettingNames.isSetting(o)) {
            return null;
        }
        Origin origin = lookup(command, o, f);
        if (origin == null) {
            return null;
        }
        origins.put(arg, origin);
        return origin.value();
    }

    private Origin lookup(CommandSpec command, OptionSpec o, ConfigFile f) {
        List<String> names = List.of(SettingNames.key(command, o), SettingNames.sharedKey(o));
        for (String key : names) {
            String variable = SettingNames.envVar(key);
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return Origin.environment(variable, value.strip());
            }
        }
        for (String key : names) {
            ConfigFile.Entry e = f.entries().get(key);
            if (e != null) {
                return Origin.file(key, e.value(), f.path(), e.line());
            }
        }
        return null;
    }

    private void register(CommandLine c) {
        addConfigOption(c, false);
        CommandSpec spec = c.getCommandSpec();
        commands.add(spec);
        for (OptionSpec o : spec.options()) {
            commandOf.put(o, spec);
            if (SettingNames.isSetting(o)) {
                String key = SettingNames.key(spec, o);
                String shared = SettingNames.sharedKey(o);
                keys.add(key);
                keys.add(shared);
                sharedKeys.put(key, shared);
                claim(SettingNames.envVar(key), key);
                claim(SettingNames.envVar(shared), shared);
            }
        }
        c.getSubcommands().values().forEach(this::register);
    }

    /** Two keys whose variables are one (a.b-c and a-b.c) would read each other's values. */
    private void claim(String variable, String key) {
        String other = variables.putIfAbsent(variable, key);
        if (other != null && !other.equals(key)) {
            throw new IllegalStateException(variable + " would stand for both " + other + " and " + key);
        }
    }

    private void addConfigOption(CommandLine c, boolean root) {
        c.getCommandSpec().addOption(OptionSpec.builder(CONFIG_OPTION).paramLabel("FILE").type(String.class)
                .description("settings file (default: $" + CONF_ENV + ", else $" + HOME_ENV + "/" + HOME_FILE
                        + " if it exists)")
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    public <T> T set(T value) {
                        named(c, (String) value, root);
                        return null;
                    }
                }).build());
    }

    /** {@code --config FILE}, read at once so that a bad file fails whatever else the command line holds. */
    private void named(CommandLine c, String value, boolean root) {
        if (value == null) { // picocli clears every option as a parse starts; the root's is the first
            if (root) {
                file = null;
                origins.clear();
            }
            return;
        }
        file = load(c, value, CONFIG_OPTION);
    }

    private ConfigFile file(CommandLine c) {
        if (file == null) {
            String conf = env.get(CONF_ENV);
            String home = env.get(HOME_ENV);
            Path inHome = home == null || home.isBlank() ? null : path(c, home.strip(), HOME_ENV).resolve(HOME_FILE);
            if (conf != null && !conf.isBlank()) {
                file = load(c, conf.strip(), CONF_ENV);
            } else if (inHome != null && Files.isRegularFile(inHome)) {
                file = load(c, inHome.toString(), HOME_ENV);
            } else {
                file = NO_FILE;
            }
        }
        return file;
    }

    private ConfigFile load(CommandLine c, String name, String namedBy) {
        Path path = path(c, name, namedBy);
        if (!Files.exists(path)) {
            throw new SettingsException(c, "config file " + path + " (" + namedBy + ") does not exist");
        }
        ConfigFile read;
        try {
            read = ConfigFile.read(path);
        } catch (ConfigFile.Invalid e) {
            throw new SettingsException(c, e.getMessage());
        }
        for (Map.Entry<String, ConfigFile.Entry> e : read.entries().entrySet()) {
            if (!keys.contains(e.getKey())) {
                throw new SettingsException(c, path + " line " + e.getValue().line() + ": unknown setting '"
                        + e.getKey() + "'" + Suggestion.closest(e.getKey(), keys).map(k -> " (did you mean " + k + "?)")
                        .orElse(""));
            }
        }
        return read;
    }

    private static Path path(CommandLine c, String name, String namedBy) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new SettingsException(c, namedBy + ": '" + name + "' is not a path");
        }
    }

    private static boolean mentions(String message, OptionSpec o) {
        for (String name : o.names()) {
            if (Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(message).find()) {
                return true;
            }
        }
        return false;
    }
}
