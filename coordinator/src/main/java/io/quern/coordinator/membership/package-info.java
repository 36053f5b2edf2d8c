/** Cluster membership as the coordinator sees it: workers' ephemeral ZooKeeper nodes, watched. */
package io.quern.coordinator.membership;
