package io.quern.deploy.certs;

import io.quern.client.cli.ExitCodes;
import io.quern.common.tls.Pem;
import io.quern.common.tls.Role;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quern certs ca} and {@code quern certs issue}: a cluster's CA and the certificates it signs. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Make a cluster's certificate authority and the certificates of its coordinators, workers"
                + " and clients, for --tls on.",
        subcommands = {CertsCommand.Ca.class, CertsCommand.Issue.class})
public final class CertsCommand implements Runnable {
    static final String CA_CERT = "ca.crt";
    static final String CA_KEY = "ca.key";
    private static final Set<PosixFilePermission> KEY_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> CERT_MODE = PosixFilePermissions.fromString("rw-r--r--");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Injected so that tests control time and randomness; the command line uses the system's. */
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing a command: ca or issue");
    }

    @Command(name = "ca", mixinStandardHelpOptions = true,
            description = "Make the cluster's CA: DIR/ca.crt (give it to every node and client) and DIR/ca.key"
                    + " (keep it where certificates are made, and nowhere else).")
    static final class Ca implements Callable<Integer> {
        @ParentCommand
        CertsCommand parent;

        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "where the CA's files go;"
                + " created if missing")
        Path dir;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "Quern cluster CA",
                description = "the CA's common name (default: ${DEFAULT-VALUE})")
        String name;

        @Option(names = "--days", paramLabel = "N", defaultValue = "3650",
                description = "days the CA certificate is valid (default: ${DEFAULT-VALUE})")
        int days;

        @Override
        public Integer call() throws IOException {
            Path crt = dir.resolve(CA_CERT);
            Path key = dir.resolve(CA_KEY);
            refuseExisting(crt, key);
            if (name.isBlank()) {
                throw new IllegalArgumentException("--name is empty");
            }
            CertificateAuthority ca = CertificateAuthority.create(name, days(days), parent.clock, parent.random);
            Files.createDirectories(dir);
            write(key, Pem.encodePrivateKey(ca.key()), KEY_MODE);
            write(crt, Pem.encodeCertificate(ca.certificate()), CERT_MODE);
            parent.spec.commandLine().getOut().println("wrote " + crt + " and " + key + " (" + name + ", valid "
                    + days + " days)");
            return ExitCodes.OK;
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Make DIR/NAME.crt and DIR/NAME.key, a certificate signed by the CA in DIR for a"
                    + " coordinator, a worker or a client.")
    static final class Issue implements Callable<Integer> {
        @ParentCommand
        CertsCommand parent;

        @Option(names = "--dir", required = true, paramLabel = "DIR",
                description = "the CA's directory (ca.crt, ca.key); the certificate and key go there too")
        Path dir;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "the holder's name: the certificate's common name and its files' names")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "coordinator, worker or client: what the holder may do")
        String role;

        @Option(names = "--host", paramLabel = "H[,H...]", split = ",",
                description = "host names and IP addresses others dial this node at (its --advertise);"
                        + " required for a coordinator or worker")
        List<String> hosts = List.of();

        @Option(names = "--days", paramLabel = "N", defaultValue = "730",
                description = "days the certificate is valid (default: ${DEFAULT-VALUE})")
        int days;

        @Override
        public Integer call() throws IOException {
            Role r = Role.ofLabel(role).orElseThrow(() -> new IllegalArgumentException("--role '" + role
                    + "' is not one of " + String.join(", ", Arrays.stream(Role.values()).map(Role::label).toList())));
            if (r != Role.CLIENT && hosts.isEmpty()) {
                throw new IllegalArgumentException("--role " + r.label() + " needs --host: the names and addresses"
                        + " others dial it at");
            }
            if (!CertificateAuthority.NAME.matcher(name).matches() || name.equals("ca")) {
                throw new IllegalArgumentException("--name '" + name + "' must be 1 to 64 of letters, digits, '.',"
                        + " '_' and '-', starting with a letter or digit, and not 'ca'");
            }
            Path crt = dir.resolve(name + ".crt");
            Path key = dir.resolve(name + ".key");
            refuseExisting(crt, key);
            CertificateAuthority ca = CertificateAuthority.load(dir.resolve(CA_CERT), dir.resolve(CA_KEY),
                    parent.clock, parent.random);
            CertificateAuthority.Issued issued = ca.issue(name, r, hosts, days(days));
            write(key, Pem.encodePrivateKey(issued.key()), KEY_MODE);
            write(crt, Pem.encodeCertificate(issued.certificate()), CERT_MODE);
            parent.spec.commandLine().getOut().println("wrote " + crt + " and " + key + " (" + r.label() + " " + name
                    + (hosts.isEmpty() ? "" : ", hosts " + String.join(",", hosts)) + ", valid " + days + " days)");
            return ExitCodes.OK;
        }
    }

    private static Duration days(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, not " + days);
        }
        return Duration.ofDays(days);
    }

    /** Both files are checked first, so a refusal leaves neither half-written. */
    private static void refuseExisting(Path... files) {
        for (Path f : files) {
            if (Files.exists(f)) {
                throw new IllegalArgumentException(f + " already exists; remove it first to replace it");
            }
        }
    }

    /** Creates {@code file} with {@code mode} from the start, so a key is never readable by others. */
    private static void write(Path file, String text, Set<PosixFilePermission> mode) throws IOException {
        FileAttribute<?>[] attrs = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
        try {
            Files.createFile(file, attrs);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(file + " already exists; remove it first to replace it");
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        if (attrs.length > 0) {
            Files.setPosixFilePermissions(file, mode); // the umask may have taken bits off the cert's mode
        }
    }
}
