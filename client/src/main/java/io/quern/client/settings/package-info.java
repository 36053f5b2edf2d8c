/**
 * Where the options of the {@code quern} commands get their values when the command line leaves
 * them out: the environment, then a config file, then the defaults the options declare. Every
 * option is a setting by the same naming rule ({@code --slots} of {@code worker} is the key
 * {@code worker.slots}, or {@code slots} for every command, and the variable
 * {@code QUERN_WORKER_SLOTS} or {@code QUERN_SLOTS}), so an option added to a command is a
 * setting with no further code. {@link io.quern.client.settings.Settings} plugs this into picocli
 * as its default value provider.
 */
package io.quern.client.settings;
