package io.quern.client.cli;

import io.quern.client.QuernClient;
import io.quern.common.cluster.ClusterUnreachableException;
import io.quern.common.cluster.ZkAuth;
import io.quern.common.tls.Role;
import io.quern.common.tls.TlsConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The TLS options of every command that serves or dials: one switch, {@code --tls on}, and the
 * three files it needs. As settings ({@code tls = on}, {@code tls-ca = ...}), one file turns TLS on
 * for every command of a host, each command with its own certificate ({@code worker.tls-cert}).
 */
public final class TlsOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--tls", paramLabel = "on|off", arity = "1", defaultValue = "off", converter = OnOff.class,
            description = "mutual TLS on every connection to and from the cluster (default: ${DEFAULT-VALUE})")
    public boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "with --tls on: the cluster's CA certificate (PEM)")
    public Path ca;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "with --tls on: this process's certificate (PEM), signed by the CA")
    public Path cert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "with --tls on: the certificate's private key (PKCS#8 PEM)")
    public Path key;

    /**
     * The TLS this command speaks, read and checked now; empty with {@code --tls off}.
     *
     * @param roles the roles this command's certificate may have
     * @throws IllegalArgumentException one line naming the option and the file (the CLI's exit 2)
     */
    public Optional<TlsConfig> load(Role... roles) {
        if (!tls) {
            return Optional.empty();
        }
        require(ca, "--tls-ca", "the cluster's CA certificate");
        require(cert, "--tls-cert", "this process's certificate");
        require(key, "--tls-key", "its private key");
        TlsConfig config;
        try {
            config = TlsConfig.load(ca, cert, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option(e.getMessage()) + e.getMessage(), e);
        }
        Set<Role> allowed = Set.of(roles);
        if (!allowed.contains(config.identity().role())) {
            throw new IllegalArgumentException("--tls-cert " + cert + ": the " + config.identity().role().label()
                    + " certificate of " + config.identity().name() + ", but quern " + command.name() + " needs a "
                    + String.join(" or ", Arrays.stream(roles).map(Role::label).toList()) + " certificate");
        }
        return Optional.of(config);
    }

    /**
     * A client of the cluster that {@code zk} names, with ZooKeeper identity {@code auth} and a
     * client's (or a coordinator's) certificate.
     */
    public QuernClient connect(String zk, ZkAuth auth) throws ClusterUnreachableException {
        return QuernClient.connect(zk, auth, QuernClient.DEFAULT_CONNECT_TIMEOUT, load(Role.CLIENT, Role.COORDINATOR));
    }

    private static void require(Path file, String option, String what) {
        if (file == null) {
            throw new IllegalArgumentException("--tls on needs " + option + " (" + what + ")");
        }
    }

    /** The option whose file a message of {@link TlsConfig#load} begins with, to name it first. */
    private String option(String message) {
        if (message != null) {
            if (message.startsWith(ca + ":")) {
                return "--tls-ca ";
            }
            if (message.startsWith(cert + ":")) {
                return "--tls-cert ";
            }
            if (message.startsWith(key + ":")) {
                return "--tls-key ";
            }
        }
        return "";
    }

    /** {@code on} or {@code off}; {@code true} and {@code false} too, as a setting's switch is written. */
    static final class OnOff implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.strip()) {
                case "on", "true" -> true;
                case "off", "false" -> false;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not on or off");
            };
        }
    }
}
