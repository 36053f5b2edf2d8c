package io.quern.worker.shuffle;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.grpc.ManagedChannel;
import io.quern.common.rpc.Channels;
import io.quern.common.rpc.EventLoops;
import java.time.Duration;

/** gRPC channels to the other workers' shuffle servers, reused across fetches and closed when idle. Thread-safe. */
public final class ShuffleClients implements AutoCloseable {
    private final LoadingCache<String, ManagedChannel> channels;

    /** Channels on gRPC's shared network threads. */
    public ShuffleClients() {
        this(null);
    }

    /** @param loops the channels' network threads, which must outlive this; nullable for gRPC's shared ones */
    public ShuffleClients(EventLoops loops) {
        this.channels = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(10))
                .removalListener((String key, ManagedChannel ch, RemovalCause cause) -> {
                    if (ch != null) {
                        ch.shutdown();
                    }
                })
                .build(key -> {
                    int colon = key.lastIndexOf(':');
                    String host = key.substring(0, colon);
                    int port = Integer.parseInt(key.substring(colon + 1));
                    return loops == null ? Channels.open(host, port) : Channels.open(host, port, loops);
                });
    }

    ManagedChannel channel(String host, int port) {
        return channels.get(host + ":" + port);
    }

    @Override
    public void close() {
        channels.invalidateAll();
        channels.cleanUp();
    }
}
