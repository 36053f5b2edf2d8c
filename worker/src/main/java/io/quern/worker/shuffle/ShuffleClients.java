package io.quern.worker.shuffle;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.grpc.ManagedChannel;
import io.quern.common.rpc.Channels;
import java.time.Duration;

/** gRPC channels to the other workers' shuffle servers, reused across fetches and closed when idle. Thread-safe. */
public final class ShuffleClients implements AutoCloseable {
    private final LoadingCache<String, ManagedChannel> channels = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .removalListener((String key, ManagedChannel ch, RemovalCause cause) -> {
                if (ch != null) {
                    ch.shutdown();
                }
            })
            .build(key -> {
                int colon = key.lastIndexOf(':');
                return Channels.open(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)));
            });

    ManagedChannel channel(String host, int port) {
        return channels.get(host + ":" + port);
    }

    @Override
    public void close() {
        channels.invalidateAll();
        channels.cleanUp();
    }
}
