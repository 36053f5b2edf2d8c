/**
 * The user-facing {@code quern} commands that talk to a cluster (submit, status, jobs, kill,
 * workers), their shared options, live progress and summaries, and the exit-code rules.
 */
package io.quern.client.cli;
