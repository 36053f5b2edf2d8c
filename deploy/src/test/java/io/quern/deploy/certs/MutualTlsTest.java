package io.quern.deploy.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.quern.client.cli.Cli;
import io.quern.common.rpc.Channels;
import io.quern.common.rpc.EventLoops;
import io.quern.common.tls.Role;
import io.quern.common.tls.RoleCheck;
import io.quern.common.tls.TlsConfig;
import io.quern.proto.CleanupJobRequest;
import io.quern.proto.CleanupJobResponse;
import io.quern.proto.WorkerServiceGrpc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real mutual TLS on loopback: what the handshake refuses, and what the role check refuses after it. */
class MutualTlsTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private Server server;

    @BeforeEach
    void cluster() throws Exception {
        certs("ca", "--dir", dir.toString());
        certs("ca", "--dir", dir.resolve("other").toString());
        issue(dir, "w1", "worker", "127.0.0.1");
        issue(dir, "coord-1", "coordinator", "127.0.0.1");
        issue(dir, "coord-2", "coordinator", "127.0.0.1");
        issue(dir, "far", "worker", "far.example.com");
        issue(dir.resolve("other"), "intruder", "coordinator", "127.0.0.1");
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A worker's task service that only the current coordinator, coord-1, may call. */
    private int serve(String name) throws Exception {
        EventLoops loops = loops(tls(dir, name));
        server = loops.server(new InetSocketAddress("127.0.0.1", 0))
                .addService(loops.guard(new Cleanup(), RoleCheck.of(Role.COORDINATOR)
                        .and(id -> id.name().equals("coord-1"), "the current coordinator")))
                .build().start();
        return server.getPort();
    }

    @Test
    void theCurrentCoordinator_isServed() throws Exception {
        int port = serve("w1");
        assertThat(call(loops(tls(dir, "coord-1")), port)).isEqualTo(Status.Code.OK);
    }

    @Test
    void anotherRole_orAnotherCoordinator_isDeniedWithTheRoleRequired() throws Exception {
        int port = serve("w1");
        assertThatThrownBy(() -> blocking(loops(tls(dir, "w1")), port))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("WorkerService requires a coordinator certificate, not the worker"
                                    + " certificate of w1");
                });
        assertThatThrownBy(() -> blocking(loops(tls(dir, "coord-2")), port))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(e.getStatus().getDescription()).contains("only from the current coordinator")
                            .contains("coord-2");
                });
    }

    @Test
    void aCertificateOfAnotherCa_plaintext_andNoCertificate_failTheHandshake() throws Exception {
        int port = serve("w1");
        // It trusts our CA, so only the server can refuse: its certificate is another CA's.
        TlsConfig theirs = TlsConfig.load(dir.resolve("other/ca.crt"), dir.resolve("other/intruder.crt"),
                dir.resolve("other/intruder.key"));
        TlsConfig intruder = new TlsConfig(tls(dir, "w1").orElseThrow().ca(), theirs.chain(), theirs.key(),
                theirs.identity());
        assertThat(call(loops(Optional.of(intruder)), port)).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(call(loops(Optional.empty()), port)).isEqualTo(Status.Code.UNAVAILABLE);
        TlsConfig ours = tls(dir, "coord-1").orElseThrow();
        ManagedChannel anonymous = NettyChannelBuilder.forAddress("127.0.0.1", port)
                .sslContext(GrpcSslContexts.forClient().trustManager(ours.ca()).build()).build();
        try {
            assertThatThrownBy(() -> WorkerServiceGrpc.newBlockingStub(anonymous).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .cleanupJob(CleanupJobRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            Channels.close(anonymous);
        }
    }

    @Test
    void aServerWhoseCertificateNamesOtherHosts_isRefusedByTheCaller() throws Exception {
        int port = serve("far");
        assertThat(call(loops(tls(dir, "coord-1")), port)).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void plaintextLoops_guardNothing() throws Exception {
        EventLoops loops = loops(Optional.empty());
        server = loops.server(new InetSocketAddress("127.0.0.1", 0))
                .addService(loops.guard(new Cleanup(), RoleCheck.of(Role.COORDINATOR))).build().start();
        assertThat(call(loops, server.getPort())).isEqualTo(Status.Code.OK);
    }

    private Status.Code call(EventLoops loops, int port) {
        try {
            blocking(loops, port);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private void blocking(EventLoops loops, int port) {
        ManagedChannel channel = Channels.open("127.0.0.1", port, loops);
        try {
            WorkerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .cleanupJob(CleanupJobRequest.getDefaultInstance());
        } finally {
            Channels.close(channel);
        }
    }

    private EventLoops loops(Optional<TlsConfig> tls) {
        EventLoops loops = new EventLoops("tls-test", 1, tls);
        open.add(0, loops);
        return loops;
    }

    private static Optional<TlsConfig> tls(Path dir, String name) {
        return Optional.of(TlsConfig.load(dir.resolve("ca.crt"), dir.resolve(name + ".crt"),
                dir.resolve(name + ".key")));
    }

    private static void issue(Path dir, String name, String role, String host) {
        certs("issue", "--dir", dir.toString(), "--name", name, "--role", role, "--host", host);
    }

    private static void certs(String... args) {
        StringWriter err = new StringWriter();
        var cl = Cli.commandLine(new CertsCommand());
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(args)).as("quern certs %s: %s", String.join(" ", args), err).isZero();
    }

    private static final class Cleanup extends WorkerServiceGrpc.WorkerServiceImplBase {
        @Override
        public void cleanupJob(CleanupJobRequest request, StreamObserver<CleanupJobResponse> out) {
            out.onNext(CleanupJobResponse.getDefaultInstance());
            out.onCompleted();
        }
    }
}
