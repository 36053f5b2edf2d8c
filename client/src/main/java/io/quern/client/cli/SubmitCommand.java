package io.quern.client.cli;

import io.quern.client.QuernClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit a job to a cluster; wait for it and print its summary unless --detach.")
public final class SubmitCommand implements Callable<Integer> {
    @Mixin
    ZkOption cluster;

    @Mixin
    TlsOptions tls;

    @Mixin
    JobOptions job;

    @Option(names = "--detach", description = "print the job id and return at once")
    boolean detach;

    @Override
    public Integer call() throws Exception {
        var request = job.toRequest();
        try (QuernClient client = tls.connect(cluster.zk, cluster.auth())) {
            return new JobSession(System.out, System.err, System.console() != null).run(client, request, detach);
        }
    }
}
