package io.quern.deploy.certs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.client.cli.Cli;
import io.quern.common.tls.PeerIdentity;
import io.quern.common.tls.Role;
import io.quern.common.tls.TlsConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CertsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int certs(String... args) {
        CommandLine cl = Cli.commandLine(new CertsCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    private void ca() {
        assertThat(certs("ca", "--dir", dir.toString())).as("quern certs ca: %s", err).isZero();
    }

    @Test
    void issue_makesACertificateThatCarriesNameRoleAndHosts_signedByTheCa() throws Exception {
        ca();
        assertThat(certs("issue", "--dir", dir.toString(), "--name", "w1", "--role", "worker",
                "--host", "node1.example.com,10.0.0.5,::1")).as("%s", err).isZero();

        TlsConfig tls = TlsConfig.load(dir.resolve("ca.crt"), dir.resolve("w1.crt"), dir.resolve("w1.key"));
        assertThat(tls.identity()).isEqualTo(new PeerIdentity("w1", Role.WORKER));
        X509Certificate cert = tls.chain().get(0);
        List<String> sans = cert.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
        assertThat(sans).contains("quern:role:worker", "node1.example.com", "10.0.0.5");
        assertThat(sans).anyMatch(s -> s.startsWith("0:0:0:0:0:0:0:1"));
        assertThat(cert.getBasicConstraints()).as("not a CA").isNegative();
        assertThat(cert.getExtendedKeyUsage()).as("server and client").hasSize(2);
    }

    @Test
    void keys_arePkcs8_andReadableByTheirOwnerAlone() throws Exception {
        ca();
        assertThat(certs("issue", "--dir", dir.toString(), "--name", "alice", "--role", "client")).isZero();
        for (String key : List.of("ca.key", "alice.key")) {
            assertThat(Files.readString(dir.resolve(key))).startsWith("-----BEGIN PRIVATE KEY-----\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))))
                    .as(key).isEqualTo("rw-------");
        }
        assertThat(Files.readString(dir.resolve("alice.crt"))).startsWith("-----BEGIN CERTIFICATE-----\n");
    }

    @Test
    void existingFiles_areRefused_andLeftAsTheyWere() throws Exception {
        ca();
        String before = Files.readString(dir.resolve("ca.key"));
        assertThat(certs("ca", "--dir", dir.toString())).isEqualTo(2);
        assertThat(oneLine()).contains("ca.crt already exists");
        assertThat(Files.readString(dir.resolve("ca.key"))).isEqualTo(before);

        Files.writeString(dir.resolve("w1.key"), "mine");
        err.getBuffer().setLength(0);
        assertThat(certs("issue", "--dir", dir.toString(), "--name", "w1", "--role", "worker", "--host", "h"))
                .isEqualTo(2);
        assertThat(oneLine()).contains("w1.key already exists");
        assertThat(dir.resolve("w1.crt")).as("nothing half-written").doesNotExist();
    }

    @Test
    void badArguments_areOneLineAndExit2() {
        ca();
        String d = dir.toString();
        List<List<String>> bad = List.of(
                List.of("issue", "--dir", d, "--name", "w1", "--role", "admin", "--host", "h"),
                List.of("issue", "--dir", d, "--name", "w1", "--role", "worker"),
                List.of("issue", "--dir", d, "--name", "../w1", "--role", "client"),
                List.of("issue", "--dir", d, "--name", "w1", "--role", "worker", "--host", "bad host!"),
                List.of("issue", "--dir", d, "--name", "w1", "--role", "worker", "--host", "h", "--days", "0"),
                List.of("issue", "--dir", dir.resolve("nowhere").toString(), "--name", "w1", "--role", "client"));
        for (List<String> args : bad) {
            err.getBuffer().setLength(0);
            assertThat(certs(args.toArray(String[]::new))).as("%s", args).isEqualTo(2);
            assertThat(oneLine()).as("%s", args).isNotBlank();
        }
        assertThat(err.toString()).as("the last: no CA there").contains("nowhere").contains("ca.crt");
    }

    @Test
    void loading_namesTheFileThatIsWrong() {
        ca();
        Path other = dir.resolve("other");
        assertThat(certs("ca", "--dir", other.toString())).isZero();
        assertThat(certs("issue", "--dir", dir.toString(), "--name", "w1", "--role", "worker", "--host", "h")).isZero();
        assertThat(certs("issue", "--dir", dir.toString(), "--name", "w2", "--role", "worker", "--host", "h")).isZero();
        assertThat(certs("issue", "--dir", other.toString(), "--name", "x", "--role", "worker", "--host", "h"))
                .isZero();
        Path ca = dir.resolve("ca.crt");

        assertThat(refusal(ca, dir.resolve("w1.crt"), dir.resolve("w2.key")))
                .startsWith(dir.resolve("w2.key") + ": not the private key of the certificate");
        assertThat(refusal(ca, other.resolve("x.crt"), other.resolve("x.key")))
                .startsWith(other.resolve("x.crt") + ": ").contains("is not signed by the CA");
        assertThat(refusal(dir.resolve("w1.crt"), dir.resolve("w1.crt"), dir.resolve("w1.key")))
                .contains("is not a CA certificate");
        assertThat(refusal(ca, dir.resolve("missing.crt"), dir.resolve("w1.key")))
                .isEqualTo(dir.resolve("missing.crt") + ": no such file");
        assertThat(refusal(ca, dir.resolve("w1.key"), dir.resolve("w1.key")))
                .startsWith(dir.resolve("w1.key") + ": holds no PEM certificate");
    }

    private static String refusal(Path ca, Path cert, Path key) {
        try {
            TlsConfig.load(ca, cert, key);
            return "accepted";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String oneLine() {
        List<String> lines = err.toString().lines().collect(Collectors.toList());
        assertThat(lines).as("stderr").hasSize(1);
        return lines.get(0);
    }
}
