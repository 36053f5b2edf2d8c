package io.quern.worker.input;

import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.common.storage.JobStorage;
import io.quern.common.storage.SharedFileSystemStorage;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/** Opens the record reader of a job's input format. */
public final class RecordReaders {
    private RecordReaders() {}

    /**
     * A reader over {@code ranges}, read in order: {@code RecordReader<Long, String>} for
     * {@link InputFormat#TEXT}, {@code RecordReader<String, String>} for
     * {@link InputFormat#WHOLE_FILE}. Files are opened lazily, one at a time, by {@code next()}.
     */
    public static RecordReader<?, ?> open(InputFormat format, List<FileRange> ranges, JobStorage storage)
            throws IOException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(storage, "storage");
        List<FileRange> copy = List.copyOf(ranges);
        return switch (format) {
            case TEXT -> new LineRecordReader(copy, LineRecordReader.DEFAULT_BUFFER_SIZE, storage);
            case WHOLE_FILE -> new WholeFileRecordReader(copy, storage);
        };
    }

    /** {@link #open(InputFormat, List, JobStorage)} of ranges on the shared file system. */
    public static RecordReader<?, ?> open(InputFormat format, List<FileRange> ranges) throws IOException {
        return open(format, ranges, SharedFileSystemStorage.INSTANCE);
    }

    /** A reader of text input in chunks of whole lines; files are opened lazily, one at a time. */
    public static LineChunkReader openTextChunks(List<FileRange> ranges, JobStorage storage) {
        return new LineRecordReader(List.copyOf(ranges), LineRecordReader.DEFAULT_BUFFER_SIZE,
                Objects.requireNonNull(storage, "storage"));
    }

    /** Gzip files are decompressed and never split. */
    static boolean isGzip(String path) {
        return path.endsWith(".gz");
    }
}
