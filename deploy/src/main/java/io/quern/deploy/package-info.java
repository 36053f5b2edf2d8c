/**
 * The runnable distribution: the {@code quern} command with every subcommand, the embedded
 * ZooKeeper server (standalone, or one member of an ensemble), per-process logging, and
 * {@link io.quern.deploy.LocalCluster}, the one-command cluster on loopback.
 */
package io.quern.deploy;
