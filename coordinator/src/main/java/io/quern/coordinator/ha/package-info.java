/** Coordinator leader election through ZooKeeper and the leader's published address. */
package io.quern.coordinator.ha;
