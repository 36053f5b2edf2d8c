/**
 * What every Quern process needs to find the others: the ZooKeeper layout and connection helpers,
 * and the checks that an address a process advertises can be reached from other hosts. Workers and
 * the coordinator register ephemeral nodes, so membership follows ZooKeeper sessions.
 */
package io.quern.common.cluster;
