/**
 * The worker: runs map and reduce attempts in its slots, keeps map output on its local disk, serves
 * it to reducers (the shuffle) and registers itself in ZooKeeper. {@link io.quern.worker.Worker}
 * wires the parts.
 */
package io.quern.worker;
