/** What the coordinator keeps in ZooKeeper about jobs: ids, specs and final statuses. */
package io.quern.coordinator.store;
