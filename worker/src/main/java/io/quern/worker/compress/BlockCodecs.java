package io.quern.worker.compress;

import com.github.luben.zstd.util.Native;
import io.quern.common.job.Compression;
import io.quern.common.job.EngineConf;

/** Makes block codecs. Thread-safe. */
public final class BlockCodecs {
    private BlockCodecs() {}

    /** Loads zstd's native library when a job first asks for zstd, so that other jobs never do. */
    private static final class Zstd {
        /** Why the library does not load here, or null once it has loaded. */
        static final Throwable FAILURE = load(Native::load);
    }

    /**
     * A new codec for {@code c}, owned by the caller, who must close it; null for {@code NONE}, which
     * has no blocks.
     *
     * @throws CompressionUnavailableException if the codec's native library does not load here
     */
    public static BlockCodec open(Compression c) throws CompressionUnavailableException {
        return switch (c) {
            case NONE -> null;
            case LZ4 -> new Lz4Codec();
            case ZSTD -> {
                check(c);
                yield new ZstdCodec();
            }
        };
    }

    /** Throws if {@code c} cannot run here: for a task to fail at its start with a clear reason. */
    public static void check(Compression c) throws CompressionUnavailableException {
        if (c == Compression.ZSTD && Zstd.FAILURE != null) {
            throw unavailable(c, Zstd.FAILURE);
        }
    }

    /** Runs a native library's loader; returns what it threw, or null. */
    static Throwable load(Runnable loader) {
        try {
            loader.run();
            return null;
        } catch (LinkageError | RuntimeException e) {
            return e;
        }
    }

    static CompressionUnavailableException unavailable(Compression c, Throwable why) {
        return new CompressionUnavailableException(EngineConf.COMPRESS + "=" + c.confName() + ": the " + c.confName()
                + " native library does not load on this worker (" + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + "): " + why + "; choose another codec for the job", why);
    }
}
