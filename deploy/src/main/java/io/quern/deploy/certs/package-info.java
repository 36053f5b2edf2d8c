/**
 * {@code quern certs}: the cluster's own certificate authority and the certificates it signs for
 * coordinators, workers and clients, each carrying its holder's name and role (see
 * {@code io.quern.common.tls}). BouncyCastle builds the certificates; the JDK makes the keys.
 */
package io.quern.deploy.certs;
