package io.quern.common.rpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/** Builds the gRPC channels every Quern process uses to reach another. */
public final class Channels {
    private Channels() {}

    /** Largest message: a shuffle chunk or a job spec with a large conf stays far below this. */
    public static final int MAX_MESSAGE_BYTES = 64 << 20;

    /** A channel on gRPC's shared network threads (tests, and callers without loops of their own). */
    public static ManagedChannel open(String host, int port) {
        return configure(NettyChannelBuilder.forAddress(host, port).usePlaintext());
    }

    /** A channel on {@code loops}, which must outlive it, with their transport (plaintext or TLS). */
    public static ManagedChannel open(String host, int port, EventLoops loops) {
        return configure(loops.channel(host, port));
    }

    private static ManagedChannel configure(NettyChannelBuilder builder) {
        return builder
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .build();
    }

    /** Shuts a channel down, waiting briefly for calls in flight. */
    public static void close(ManagedChannel channel) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
