/**
 * What every Quern process needs to find the others: the ZooKeeper layout and connection helpers,
 * and the checks that an address a process advertises can be reached from other hosts. Workers and
 * the coordinator register ephemeral nodes, so membership follows ZooKeeper sessions. With a cluster
 * identity ({@link io.quern.common.cluster.ZkAuth}) every process authenticates with it and every
 * node the cluster creates is that identity's alone.
 */
package io.quern.common.cluster;
