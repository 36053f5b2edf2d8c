package io.quern.worker.rpc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quern.common.job.AttemptId;
import io.quern.common.job.TaskId;
import io.quern.proto.SegmentChunk;
import io.quern.proto.SegmentRequest;
import io.quern.proto.ShuffleServiceGrpc;
import io.quern.worker.shuffle.JobSecrets;
import io.quern.worker.shuffle.ShuffleDeniedException;
import io.quern.worker.sort.IndexEntry;
import io.quern.worker.sort.MapOutputFile;
import io.quern.worker.storage.LocalStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves map output segments to reducers. Streams a segment's byte range of the map output file as
 * it is stored (compressed blocks are sent as they are, never decoded or recompressed here) in
 * large chunks, only as fast as the receiver takes them (gRPC flow control via onReady), so a slow
 * reducer costs no memory here. Opened indexes are cached. A request not signed with its job's
 * shuffle secret is refused with PERMISSION_DENIED before any file is touched. Thread-safe.
 */
public final class ShuffleRpcService extends ShuffleServiceGrpc.ShuffleServiceImplBase {
    private static final Logger log = LoggerFactory.getLogger(ShuffleRpcService.class);
    static final int CHUNK = 1 << 20;

    private final LocalStore store;
    private final JobSecrets secrets;
    private final Cache<Path, MapOutputFile> indexes = Caffeine.newBuilder()
            .maximumSize(4096).expireAfterAccess(Duration.ofMinutes(10)).build();

    public ShuffleRpcService(LocalStore store, JobSecrets secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    @Override
    public void fetchSegment(SegmentRequest request, StreamObserver<SegmentChunk> out) {
        ServerCallStreamObserver<SegmentChunk> call = (ServerCallStreamObserver<SegmentChunk>) out;
        MapOutputFile file;
        IndexEntry entry;
        FileChannel channel;
        try {
            secrets.check(request.getJobId(), request.getMapIndex(), request.getAttempt(), request.getPartition(),
                    request.getMac().toByteArray());
        } catch (ShuffleDeniedException e) {
            log.warn("refused a shuffle request: {}", e.getMessage());
            out.onError(Status.PERMISSION_DENIED.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        try {
            Path dir = store.attemptPath(new AttemptId(request.getJobId(), TaskId.map(request.getMapIndex()),
                    request.getAttempt()));
            file = indexes.get(dir, d -> {
                try {
                    return MapOutputFile.open(d);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (request.getPartition() < 0 || request.getPartition() >= file.partitions()) {
                out.onError(Status.INVALID_ARGUMENT.withDescription("no partition " + request.getPartition())
                        .asRuntimeException());
                return;
            }
            entry = file.entry(request.getPartition());
            channel = FileChannel.open(file.data(), StandardOpenOption.READ);
        } catch (java.io.UncheckedIOException | IOException | IllegalArgumentException e) {
            Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            Status status = cause instanceof NoSuchFileException ? Status.NOT_FOUND : Status.INTERNAL;
            out.onError(status.withDescription("map output " + request.getJobId() + "/m-" + request.getMapIndex()
                    + "_" + request.getAttempt() + ": " + cause.getMessage()).asRuntimeException());
            return;
        }
        new Sender(call, channel, entry, file.compression().id()).begin();
    }

    /** Drives one segment transfer from onReady callbacks. */
    private static final class Sender implements Runnable {
        private final ServerCallStreamObserver<SegmentChunk> call;
        private final FileChannel channel;
        private final IndexEntry entry;
        private final int compression;
        private long position;
        private boolean headerSent;
        private boolean done;

        Sender(ServerCallStreamObserver<SegmentChunk> call, FileChannel channel, IndexEntry entry, int compression) {
            this.call = call;
            this.channel = channel;
            this.entry = entry;
            this.compression = compression;
            this.position = entry.offset();
        }

        void begin() {
            call.setOnCancelHandler(this::finish);
            call.setOnReadyHandler(this);
            run();
        }

        @Override
        public synchronized void run() {
            try {
                while (!done && call.isReady()) {
                    long end = entry.offset() + entry.length();
                    int n = (int) Math.min(CHUNK, end - position);
                    SegmentChunk.Builder chunk = SegmentChunk.newBuilder();
                    if (!headerSent) {
                        chunk.setTotalLength(entry.length()).setCrc32(entry.crc32()).setRecords(entry.records())
                                .setRawLength(entry.rawLength()).setCompression(compression);
                        headerSent = true;
                    }
                    if (n > 0) {
                        ByteBuffer buf = ByteBuffer.allocate(n);
                        while (buf.hasRemaining()) {
                            if (channel.read(buf, position + buf.position()) < 0) {
                                throw new IOException("map output file is shorter than its index says");
                            }
                        }
                        buf.flip();
                        chunk.setData(UnsafeByteOperations.unsafeWrap(buf));
                        position += n;
                    }
                    call.onNext(chunk.build());
                    if (position >= end) {
                        call.onCompleted();
                        finish();
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.warn("shuffle send failed: {}", e.toString());
                if (!done) {
                    finish();
                    call.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
                }
            }
        }

        private synchronized void finish() {
            if (done) {
                return;
            }
            done = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only channel: nothing lost
            }
        }
    }
}
