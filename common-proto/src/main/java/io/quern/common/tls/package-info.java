/**
 * Mutual TLS between the processes of a cluster: the certificates and key one process presents
 * ({@link TlsConfig}, read and checked once at start-up), the identity a certificate carries (a
 * name and a {@link Role}), and the server-side check of which role may call which service
 * ({@link RoleCheck}). Every certificate is signed by the cluster's own CA; {@code quern certs}
 * makes them.
 */
package io.quern.common.tls;
