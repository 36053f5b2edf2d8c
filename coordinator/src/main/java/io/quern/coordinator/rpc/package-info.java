/**
 * The coordinator's gRPC adapters: they convert protos to domain types, call
 * {@link io.quern.coordinator.JobControl} or the scheduler, and convert back; one class maps domain
 * errors to status codes. Generated types do not leave this package.
 */
package io.quern.coordinator.rpc;
