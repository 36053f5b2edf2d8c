package io.quern.client.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The reference table of every setting, made from the commands themselves so that it cannot miss
 * one: per command, each option's key, environment variable, flag, default and meaning. The
 * defaults are the ones the options declare as long as no setting is in effect, so it is made from a
 * tree whose environment names no config file.
 */
final class SettingsReference {
    private SettingsReference() {}

    static String markdown(List<CommandSpec> commands) {
        StringBuilder md = new StringBuilder();
        shared(commands, md);
        for (CommandSpec c : commands) {
            md.append("\n### `").append(c.qualifiedName(" ")).append("`\n\n")
                    .append("| key | environment | flag | default | meaning |\n|---|---|---|---|---|\n");
            for (OptionSpec o : documented(c)) {
                boolean setting = SettingNames.isSetting(o);
                String key = SettingNames.key(c, o);
                md.append("| ").append(setting ? code(key) : "—")
                        .append(" | ").append(setting ? code(SettingNames.envVar(key)) : "—")
                        .append(" | ").append(code(flag(o)))
                        .append(" | ").append(defaultValue(o))
                        .append(" | ").append(setting ? "" : "command line only: ").append(meaning(o))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    /** The keys without a command prefix that more than one command reads. */
    private static void shared(List<CommandSpec> commands, StringBuilder md) {
        Map<String, List<String>> readers = new LinkedHashMap<>();
        for (CommandSpec c : commands) {
            for (OptionSpec o : documented(c)) {
                if (SettingNames.isSetting(o)) {
                    readers.computeIfAbsent(SettingNames.sharedKey(o), k -> new ArrayList<>())
                            .add(SettingNames.prefix(c));
                }
            }
        }
        md.append("### Shared keys\n\nThe keys without a command that more than one command reads.\n\n")
                .append("| shared key | environment | read by |\n|---|---|---|\n");
        readers.entrySet().stream().filter(e -> e.getValue().size() > 1).sorted(Map.Entry.comparingByKey())
                .forEach(e -> md.append("| ").append(code(e.getKey())).append(" | ")
                        .append(code(SettingNames.envVar(e.getKey()))).append(" | ")
                        .append(String.join(", ", e.getValue())).append(" |\n"));
    }

    /** The options a user can give, by name: not help, version, --config or hidden ones. */
    static List<OptionSpec> documented(CommandSpec c) {
        return c.options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp() && !o.hidden()
                        && !o.longestName().equals(Settings.CONFIG_OPTION))
                .sorted(Comparator.comparing(OptionSpec::longestName)).toList();
    }

    private static String flag(OptionSpec o) {
        boolean isSwitch = o.typeInfo().isBoolean() && o.arity().max() == 0; // --tls on|off takes a value
        return isSwitch ? o.longestName() : o.longestName() + " " + o.paramLabel();
    }

    private static String defaultValue(OptionSpec o) {
        if (o.defaultValue() != null) {
            return code(o.defaultValue());
        }
        if (o.required()) {
            return "required";
        }
        return o.typeInfo().isBoolean() ? code("false") : "—";
    }

    /** The description, less the "(default: X)" that the default column shows. */
    static String meaning(OptionSpec o) {
        String text = String.join(" ", o.description()); // picocli has put the default in for ${DEFAULT-VALUE}
        if (o.defaultValue() != null) {
            text = text.replace(" (default: " + o.defaultValue() + ")", "");
        }
        return text.replace("|", "\\|").strip();
    }

    private static String code(String s) {
        return "`" + s.replace("|", "\\|") + "`";
    }
}
