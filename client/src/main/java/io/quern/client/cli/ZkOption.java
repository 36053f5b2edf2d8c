package io.quern.client.cli;

import picocli.CommandLine.Option;

/** The {@code --zk CONNECT} option of every command that talks to a cluster. */
public final class ZkOption {
    @Option(names = "--zk", paramLabel = "CONNECT", required = true,
            description = "ZooKeeper connect string: host:port[,host:port...][/chroot]")
    public String zk;
}
