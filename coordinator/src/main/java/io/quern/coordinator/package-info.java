/**
 * The coordinator: it admits jobs, splits their input, and schedules map then reduce tasks onto the
 * slots of the workers it finds through ZooKeeper, re-running what is lost, and commits each reduce
 * partition's output exactly once. {@link io.quern.coordinator.Coordinator} wires the parts.
 */
package io.quern.coordinator;
