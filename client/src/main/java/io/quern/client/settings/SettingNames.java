package io.quern.client.settings;

import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The naming rule that turns an option into a setting. The rule is the whole mapping: there is no
 * table of keys to keep in step with the options.
 */
final class SettingNames {
    static final String ENV_PREFIX = "QUERN_";

    private SettingNames() {}

    /**
     * Whether an option is read from the environment and the config file: every option but help,
     * version, {@code --config} itself, hidden ones (internal wiring) and repeatable ones (a
     * setting holds one value).
     */
    static boolean isSetting(OptionSpec o) {
        return !o.usageHelp() && !o.versionHelp() && !o.hidden() && !o.isMultiValue()
                && !o.longestName().equals(Settings.CONFIG_OPTION);
    }

    /** The option's name without its dashes: {@code --data-dir} is {@code data-dir}. */
    static String sharedKey(OptionSpec o) {
        return o.longestName().replaceFirst("^-+", "");
    }

    /** The command's key prefix: its names below the root joined by dots ({@code worker}). */
    static String prefix(CommandSpec command) {
        String qualified = command.qualifiedName(".");
        int dot = qualified.indexOf('.');
        return dot < 0 ? "" : qualified.substring(dot + 1);
    }

    /** The key of an option of one command: {@code worker.data-dir}. */
    static String key(CommandSpec command, OptionSpec o) {
        return prefix(command) + "." + sharedKey(o);
    }

    /** The environment variable of a key: {@code worker.data-dir} is {@code QUERN_WORKER_DATA_DIR}. */
    static String envVar(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
