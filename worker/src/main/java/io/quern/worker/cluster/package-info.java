/** The worker's membership in the cluster: its ephemeral ZooKeeper node. */
package io.quern.worker.cluster;
