/** Identifiers and small values that the coordinator, the workers and the client share. */
package io.quern.common.job;
