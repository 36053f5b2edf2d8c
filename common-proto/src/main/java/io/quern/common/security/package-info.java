/**
 * What keeps one job's data from another's: the per-job shuffle secret that the coordinator makes at
 * admission and every task assignment of the job carries, with which reducers sign their shuffle
 * requests and workers check them.
 */
package io.quern.common.security;
