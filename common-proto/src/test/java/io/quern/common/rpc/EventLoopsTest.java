package io.quern.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopsTest {
    @Test
    void serverAndChannelRunOnTheLoops_andClosingLeavesNoNetworkThread() throws Exception {
        EventLoops loops = new EventLoops("loops-test", 2);
        Server server = loops.server(new InetSocketAddress("127.0.0.1", 0)).build().start();
        ManagedChannel channel = Channels.open("127.0.0.1", server.getPort(), loops);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (channel.getState(true) != ConnectivityState.READY && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(channel.getState(false)).isEqualTo(ConnectivityState.READY);
        assertThat(networkThreads()).as("the loops' threads serve both ends").isGreaterThan(0);

        Channels.close(channel);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        loops.close();
        loops.close(); // idempotent

        assertThat(networkThreads()).isZero();
    }

    private static long networkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("loops-test")).count();
    }
}
