package io.quern.client.cli;

import io.quern.common.cluster.ZkAuth;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --zk CONNECT} option of every command that talks to a cluster, and the cluster's
 * ZooKeeper identity ({@code --zk-auth}, or a file holding it) when its znodes are protected.
 */
public final class ZkOption {
    @Option(names = "--zk", paramLabel = "CONNECT", required = true,
            description = "ZooKeeper connect string: host:port[,host:port...][/chroot]")
    public String zk;

    @Option(names = "--zk-auth", paramLabel = "USER:PASSWORD",
            description = "the cluster's ZooKeeper identity (digest): servers create every znode readable and"
                    + " writable by it alone, and every command needs it (default: none, open znodes)")
    public String zkAuth;

    @Option(names = "--zk-auth-file", paramLabel = "FILE",
            description = "a file whose first line is the cluster's USER:PASSWORD, instead of --zk-auth")
    public Path zkAuthFile;

    /** The identity given, or {@link ZkAuth#NONE}; @throws IllegalArgumentException naming the option */
    public ZkAuth auth() {
        return ZkAuth.of(zkAuth, zkAuthFile);
    }
}
