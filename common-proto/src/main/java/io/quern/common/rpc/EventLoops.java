package io.quern.common.rpc;

import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The network threads of one process's gRPC server and channels, owned by the component that
 * starts them and stopped when it closes. gRPC's default event loops are shared and outlive their
 * last user by a second, blocked in {@code epoll_wait}; the JVM's exit then waits for such threads
 * (in native code) for 300 ms before it gives up. With loops of its own, a component leaves no
 * network thread behind, and a short-lived process ({@code quern local}, a worker told to stop, a
 * client command) exits at once.
 *
 * <p>Thread-safe. {@link #close} after the server and channels built here are shut down.
 */
public final class EventLoops implements AutoCloseable {
    private static final long QUIET_MILLIS = 0;
    private static final long CLOSE_TIMEOUT_MILLIS = 2000;

    private final EventLoopGroup group;

    /** @param threads network threads; 0 for Netty's default (twice the cores) */
    public EventLoops(String name, int threads) {
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory(name, true));
    }

    /** A server builder on these loops, listening at {@code address}. */
    public NettyServerBuilder server(InetSocketAddress address) {
        return NettyServerBuilder.forAddress(address)
                .bossEventLoopGroup(group)
                .workerEventLoopGroup(group)
                .channelType(NioServerSocketChannel.class);
    }

    /** A channel builder on these loops, to {@code host:port}. */
    NettyChannelBuilder channel(String host, int port) {
        return NettyChannelBuilder.forAddress(host, port)
                .eventLoopGroup(group)
                .channelType(NioSocketChannel.class);
    }

    /** Stops the threads, waiting a little for them to end. Idempotent. */
    @Override
    public void close() {
        group.shutdownGracefully(QUIET_MILLIS, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS + 500);
    }
}
