package io.quern.client.cli;

import io.quern.client.QuernClient;
import io.quern.common.job.WorkerAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "workers", mixinStandardHelpOptions = true, description = "List live workers: id, host:port, slots.")
public final class WorkersCommand implements Callable<Integer> {
    @Mixin
    ZkOption cluster;

    @Mixin
    TlsOptions tls;

    @Override
    public Integer call() throws Exception {
        try (QuernClient client = tls.connect(cluster.zk, cluster.auth())) {
            for (WorkerAddress w : client.workers()) {
                System.out.println(w.workerId() + " " + w.hostPort() + " " + w.slots());
            }
            return ExitCodes.OK;
        }
    }
}
