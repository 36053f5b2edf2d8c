package io.quern.common.rpc;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.quern.common.tls.RoleCheck;
import io.quern.common.tls.TlsConfig;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The network threads of one process's gRPC server and channels, owned by the component that
 * starts them and stopped when it closes, and the transport they all use: plaintext, or mutual
 * TLS with the process's {@link TlsConfig}. gRPC's default event loops are shared and outlive
 * their last user by a second, blocked in {@code epoll_wait}; the JVM's exit then waits for such
 * threads (in native code) for 300 ms before it gives up. With loops of its own, a component
 * leaves no network thread behind, and a short-lived process ({@code quern local}, a worker told
 * to stop, a client command) exits at once. Since every server and channel of a process is built
 * here, one switch puts all of them, the shuffle included, on TLS.
 *
 * <p>Thread-safe. {@link #close} after the server and channels built here are shut down.
 */
public final class EventLoops implements AutoCloseable {
    private static final long QUIET_MILLIS = 0;
    private static final long CLOSE_TIMEOUT_MILLIS = 2000;

    private final EventLoopGroup group;
    private final TlsConfig tls; // null: plaintext
    private final SslContext clientContext; // null: plaintext

    /** Plaintext loops. @param threads network threads; 0 for Netty's default (twice the cores) */
    public EventLoops(String name, int threads) {
        this(name, threads, Optional.empty());
    }

    /** @param tls mutual TLS for every server and channel built here; empty for plaintext */
    public EventLoops(String name, int threads, Optional<TlsConfig> tls) {
        this.tls = tls.orElse(null);
        this.clientContext = this.tls == null ? null : this.tls.clientContext(); // one per process: its session cache
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory(name, true));
    }

    /** The TLS this process speaks, if any. */
    public Optional<TlsConfig> tls() {
        return Optional.ofNullable(tls);
    }

    /** A server builder on these loops, listening at {@code address}; with TLS, it requires client certificates. */
    public NettyServerBuilder server(InetSocketAddress address) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
                .bossEventLoopGroup(group)
                .workerEventLoopGroup(group)
                .channelType(NioServerSocketChannel.class);
        return tls == null ? builder : builder.sslContext(tls.serverContext());
    }

    /**
     * {@code service} behind {@code check} when this process speaks TLS; as it is in plaintext,
     * where no caller has an identity to check.
     */
    public ServerServiceDefinition guard(BindableService service, RoleCheck check) {
        return tls == null ? service.bindService() : check.guard(service);
    }

    /** A channel builder on these loops, to {@code host:port}, which must present a certificate for that host. */
    NettyChannelBuilder channel(String host, int port) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(host, port)
                .eventLoopGroup(group)
                .channelType(NioSocketChannel.class);
        return clientContext == null ? builder.usePlaintext() : builder.sslContext(clientContext);
    }

    /** Stops the threads, waiting a little for them to end. Idempotent. */
    @Override
    public void close() {
        group.shutdownGracefully(QUIET_MILLIS, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS + 500);
    }
}
