package io.quern.client.settings;

import picocli.CommandLine;

/** A config file or setting that is wrong; its message is the whole line the user sees. */
final class SettingsException extends CommandLine.ParameterException {
    SettingsException(CommandLine command, String message) {
        super(command, message);
    }
}
