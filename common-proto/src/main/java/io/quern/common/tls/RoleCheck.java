package io.quern.common.tls;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Lets a call through only when the caller's TLS certificate carries one of the allowed roles
 * (and, optionally, passes a further test of its identity, such as being the current
 * coordinator). The TLS handshake has already checked that the certificate is the CA's; this
 * decides what the holder may do. A call without a verified certificate is {@code UNAUTHENTICATED},
 * one with the wrong role {@code PERMISSION_DENIED}, each with a message naming the role required.
 *
 * <p>Immutable and thread-safe; {@code also} is called on gRPC's threads.
 */
public final class RoleCheck implements ServerInterceptor {
    private final Set<Role> roles;
    private final Predicate<PeerIdentity> also;
    private final String alsoMeans;

    private RoleCheck(Set<Role> roles, Predicate<PeerIdentity> also, String alsoMeans) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no role allowed");
        }
        this.roles = Set.copyOf(roles);
        this.also = Objects.requireNonNull(also, "also");
        this.alsoMeans = alsoMeans;
    }

    /** Calls from certificates of these roles only. */
    public static RoleCheck of(Role first, Role... more) {
        return new RoleCheck(EnumSet.of(first, more), id -> true, null);
    }

    /**
     * This check, and also {@code test} on the caller's identity.
     *
     * @param means what the test requires, for the refusal's message ({@code the current coordinator})
     */
    public RoleCheck and(Predicate<PeerIdentity> test, String means) {
        return new RoleCheck(roles, also.and(test), means);
    }

    /** {@code service} behind this check. */
    public ServerServiceDefinition guard(BindableService service) {
        return ServerInterceptors.intercept(service, this);
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                      ServerCallHandler<Q, A> next) {
        String service = call.getMethodDescriptor().getServiceName();
        Status refusal = check(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION),
                service.substring(service.lastIndexOf('.') + 1));
        if (refusal != null) {
            call.close(refusal, new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }

    /** Why a call on {@code session} to {@code service} is refused; null when it may go on. */
    Status check(SSLSession session, String service) {
        String required = required();
        if (session == null) {
            return Status.UNAUTHENTICATED.withDescription(service + " requires TLS with " + required);
        }
        Certificate[] peer;
        try {
            peer = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Status.UNAUTHENTICATED.withDescription(service + " requires " + required
                    + "; the caller presented none");
        }
        if (peer.length == 0 || !(peer[0] instanceof X509Certificate cert)) {
            return Status.UNAUTHENTICATED.withDescription(service + " requires " + required
                    + "; the caller presented none");
        }
        PeerIdentity id = PeerIdentity.of(cert).orElse(null);
        if (id == null) {
            return Status.PERMISSION_DENIED.withDescription(service + " requires " + required
                    + "; the caller's certificate names no Quern role");
        }
        if (!roles.contains(id.role())) {
            return Status.PERMISSION_DENIED.withDescription(service + " requires " + required + ", not the "
                    + id.role().label() + " certificate of " + id.name());
        }
        if (!also.test(id)) {
            return Status.PERMISSION_DENIED.withDescription(service + " takes calls only from " + alsoMeans
                    + "; " + id + " is not it");
        }
        return null;
    }

    private String required() {
        return "a " + roles.stream().sorted().map(Role::label).collect(Collectors.joining(" or ")) + " certificate";
    }
}
