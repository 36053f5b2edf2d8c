package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quern.common.rpc.Channels;
import io.quern.common.rpc.EventLoops;
import io.quern.common.tls.TlsConfig;
import io.quern.proto.CleanupJobRequest;
import io.quern.proto.CoordinatorServiceGrpc;
import io.quern.proto.HeartbeatRequest;
import io.quern.proto.ListJobsRequest;
import io.quern.proto.TaskTrackerServiceGrpc;
import io.quern.proto.WorkerServiceGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster of real processes with {@code --tls on} and certificates that {@code quern certs}
 * made: word count runs (its shuffle too over TLS), and every caller without the right
 * certificate is refused: a plaintext client, a client of another CA, a worker's certificate
 * sending a worker commands, a coordinator's that is not the leader's, and the wrong role on
 * either coordinator service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TlsIT {
    private static final Duration COMMAND = Duration.ofSeconds(30);

    private Path certs;
    private Path other;
    private ProcessCluster cluster;
    private Path text;

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        certs = dir.resolve("certs");
        other = dir.resolve("other");
        certs("ca", "--dir", certs.toString());
        certs("ca", "--dir", other.toString());
        issue(certs, "coord", "coordinator");
        issue(certs, "standby", "coordinator");
        issue(certs, "w0", "worker");
        issue(certs, "w1", "worker");
        issue(certs, "alice", "client");
        issue(other, "mallory", "client");
        cluster = new ProcessCluster(dir.resolve("cluster"), 2, 2, tls(certs, "coord"), i -> tls(certs, "w" + i),
                tls(certs, "alice"));
        text = dir.resolve("text");
        WordCounts.writeText(text, 6, 2000, 5);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        Quern.destroyAll();
    }

    @Test
    void wordCount_overTls_matchesTheIndependentCount() throws Exception {
        Path out = cluster.dir.resolve("wc");
        Quern.Result r = cluster.submit(Duration.ofMinutes(2), "--job", "wordcount", "--input", text.toString(),
                "--output", out.toString(), "--reducers", "2", "--split-size", "16k");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stdout()).containsPattern("(?m)^shuffle\\.bytes [1-9]");
        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2)))
                .isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
    }

    @Test
    void aPlaintextClient_isRefusedWithOneLine() throws Exception {
        Quern.assertBadInput(Quern.run(COMMAND, "submit", "--zk", cluster.zk, "--job", "wordcount", "--input",
                text.toString(), "--output", cluster.dir.resolve("never").toString()),
                "requires TLS with a client certificate");
    }

    @Test
    void tlsWithoutAClientCertificate_isRefusedWithOneLine() throws Exception {
        Quern.assertBadInput(Quern.run(COMMAND, "workers", "--zk", cluster.zk, "--tls", "on", "--tls-ca",
                certs.resolve("ca.crt").toString()), "--tls on needs --tls-cert");
    }

    @Test
    void aClientCertificateOfAnotherCa_isRefusedWithOneLine() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("submit", "--zk", cluster.zk, "--job", "wordcount",
                "--input", text.toString(), "--output", cluster.dir.resolve("never").toString()));
        args.addAll(tls(other, "mallory"));
        Quern.assertBadInput(Quern.run(COMMAND, args.toArray(String[]::new)), "TLS with the coordinator at");
    }

    @Test
    void workerCommands_fromAWorkerCertificate_orFromACoordinatorThatDoesNotLead_areDenied() {
        Consumer<String> cleanupAs = name -> call(name, cluster.workerPort(1), ch -> WorkerServiceGrpc
                .newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS)
                .cleanupJob(CleanupJobRequest.newBuilder().setJobId("job-0000000099").build()));

        assertDenied(() -> cleanupAs.accept("w0"), "WorkerService requires a coordinator certificate, not the worker"
                + " certificate of w0");
        assertDenied(() -> cleanupAs.accept("standby"), "WorkerService takes calls only from the current coordinator");
        cleanupAs.accept("coord"); // the leader's certificate: served
    }

    @Test
    void coordinatorServices_takeOnlyTheirRoles() {
        assertDenied(() -> call("w0", cluster.coordinatorPort, ch -> CoordinatorServiceGrpc.newBlockingStub(ch)
                        .withDeadlineAfter(10, TimeUnit.SECONDS).listJobs(ListJobsRequest.getDefaultInstance())),
                "CoordinatorService requires a coordinator or client certificate");
        assertDenied(() -> call("alice", cluster.coordinatorPort, ch -> TaskTrackerServiceGrpc.newBlockingStub(ch)
                        .withDeadlineAfter(10, TimeUnit.SECONDS).heartbeat(HeartbeatRequest.getDefaultInstance())),
                "TaskTrackerService requires a worker certificate");
    }

    private static void assertDenied(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(e.getStatus().getDescription()).startsWith(message);
        });
    }

    /** One call with the certificate {@code name}, as a small client of the cluster's own transport. */
    private void call(String name, int port, Consumer<ManagedChannel> call) {
        TlsConfig tls = TlsConfig.load(certs.resolve("ca.crt"), certs.resolve(name + ".crt"),
                certs.resolve(name + ".key"));
        try (EventLoops loops = new EventLoops("tls-it", 1, Optional.of(tls))) {
            ManagedChannel channel = Channels.open("127.0.0.1", port, loops);
            try {
                call.accept(channel);
            } finally {
                Channels.close(channel);
            }
        }
    }

    private static List<String> tls(Path dir, String name) {
        return List.of("--tls", "on", "--tls-ca", dir.resolve("ca.crt").toString(), "--tls-cert",
                dir.resolve(name + ".crt").toString(), "--tls-key", dir.resolve(name + ".key").toString());
    }

    private static void issue(Path dir, String name, String role) throws Exception {
        certs("issue", "--dir", dir.toString(), "--name", name, "--role", role, "--host", "127.0.0.1,localhost");
    }

    private static void certs(String... args) throws Exception {
        Quern.Result r = Quern.run(COMMAND, java.util.stream.Stream.concat(java.util.stream.Stream.of("certs"),
                java.util.stream.Stream.of(args)).toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
    }
}
