package io.quern.worker.exec;

import io.quern.api.Emitter;
import io.quern.api.Mapper;
import io.quern.api.Partitioner;
import io.quern.api.Reducer;
import io.quern.common.job.Compression;
import io.quern.common.job.Counters;
import io.quern.common.job.EngineConf;
import io.quern.common.job.FileRange;
import io.quern.common.job.JobSpec;
import io.quern.common.job.KeyCount;
import io.quern.common.job.RecordRef;
import io.quern.common.job.TaskAssignment;
import io.quern.common.storage.JobStorage;
import io.quern.common.storage.OutputFile;
import io.quern.common.types.KeyValueTypes;
import io.quern.common.types.TypeArguments;
import io.quern.worker.codec.Codec;
import io.quern.worker.codec.Codecs;
import io.quern.worker.input.LineChunkReader;
import io.quern.worker.input.RecordReader;
import io.quern.worker.input.RecordReaders;
import io.quern.worker.kernel.WordCountKernel;
import io.quern.worker.sort.CodecCombiner;
import io.quern.worker.sort.MapOutputBuffer;
import io.quern.worker.sort.MapOutputFile;
import io.quern.worker.sort.SortCounters;
import io.quern.worker.storage.DiskQuota;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one map attempt: reads its split, calls the user's mapper, and leaves one sorted,
 * partitioned output file with an index in the attempt's directory. In a map-only job it writes
 * {@code key<TAB>value} lines to its attempt file in the job output's temporary area instead, with
 * no sort at all; the coordinator commits that file as the task's part file. Asked to stop (a
 * straggler whose input is handed to other tasks), it stops reading at the next record and succeeds
 * with the output of what it read, reporting the unread rest of its split.
 */
final class MapTaskRunner {
    private static final Logger log = LoggerFactory.getLogger(MapTaskRunner.class);
    private static final int OUTPUT_BUFFER = 256 << 10;

    private MapTaskRunner() {}

    /** What reading the split came to. */
    private record Read(long records, long skipped, long bytesRead, List<FileRange> remainder) {}

    static TaskOutput run(RunningAttempt running, AttemptContext ctx, ClassLoader loader, Path workDir,
                          WorkerTuning tuning, DiskQuota.Space space, JobStorage storage) throws Exception {
        JobSpec job = running.assignment.job();
        Mapper<?, ?, ?, ?> mapper = JobClasses.instantiate(loader, job.mapper(), Mapper.class);
        return job.isMapOnly() ? runMapOnly(running, ctx, mapper, storage)
                : runSorted(running, ctx, loader, mapper, workDir, tuning, space, storage);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TaskOutput runSorted(RunningAttempt running, AttemptContext ctx, ClassLoader loader,
                                        Mapper mapper, Path workDir, WorkerTuning tuning, DiskQuota.Space space,
                                        JobStorage storage)
            throws Exception {
        JobSpec job = running.assignment.job();
        KeyValueTypes types = TypeArguments.keyValueTypes(mapper.getClass(), Mapper.class);
        Codec keys = Codecs.forType(types.outKey());
        Codec values = Codecs.forType(types.outValue());
        SortCounters sortCounters = new SortCounters();
        CodecCombiner combiner = null;
        Reducer combinerFunction = null;
        if (job.combiner() != null) {
            combinerFunction = JobClasses.instantiate(loader, job.combiner(), Reducer.class);
            combinerFunction.setup(ctx);
            combiner = new CodecCombiner(combinerFunction, keys, values, sortCounters);
        }
        Partitioner partitioner = job.partitioner() == null ? null
                : JobClasses.instantiate(loader, job.partitioner(), Partitioner.class);
        int partitions = EngineConf.partitions(job);
        boolean fold = combiner != null && EngineConf.fold(job.conf());
        // The kernel reads lines in chunks, so it cannot skip single records.
        boolean kernel = WordCountKernel.handles(job) && running.assignment.skip().isEmpty();
        int sortBytes = tuning.sortBufferFor(plainBytes(running.assignment.ranges()));
        Compression compression = EngineConf.compression(job.conf());
        // With the kernel the buffer only takes counted words: half the memory goes to its table.
        try (MapOutputBuffer buffer = new MapOutputBuffer(partitions, kernel ? Math.max(64, sortBytes / 2) : sortBytes,
                tuning.mergeFactor(), workDir, combiner, sortCounters, fold && !kernel, compression, space)) {
            Read read;
            long outputRecords;
            long outputBytes;
            List<KeyCount> hotKeys;
            if (kernel) {
                WordCountKernel counting = new WordCountKernel(mapper, buffer::collectCombined, sortCounters, partitions,
                        sortBytes / 2);
                read = readChunks(running, ctx, mapper, counting, storage);
                outputRecords = counting.words();
                outputBytes = counting.wordBytes();
                hotKeys = counting.heaviest();
            } else {
                MapEmitter emitter = new MapEmitter(keys, values, partitioner, job.splitPoints(), partitions, buffer,
                        fold ? combiner : null);
                read = readSplit(running, ctx, mapper, emitter, storage);
                outputRecords = emitter.records;
                outputBytes = emitter.bytes;
                hotKeys = emitter.hotKeys();
            }
            running.checkKilled();
            MapOutputFile out = buffer.finish();
            if (combinerFunction != null) {
                // Runs of a combiner are over; what it would emit now has no place in sorted output.
                combinerFunction.cleanup((k, v) -> {
                    throw new IllegalStateException("a combiner must not emit in cleanup");
                });
            }
            running.progress = 1;
            boolean report = running.assignment.reportPartitionBytes();
            List<Long> partitionBytes = new ArrayList<>(report ? out.partitions() : 0);
            long stored = 0;
            long raw = 0;
            for (int p = 0; p < out.partitions(); p++) {
                // Raw sizes: a reduce's work follows its records, whatever the codec.
                if (report) {
                    partitionBytes.add(out.entry(p).rawLength());
                }
                stored += out.entry(p).length();
                raw += out.entry(p).rawLength();
            }
            addInputCounters(ctx, read);
            ctx.counters.add(Counters.MAP_OUTPUT_RECORDS, outputRecords);
            ctx.counters.add(Counters.MAP_OUTPUT_BYTES, outputBytes);
            ctx.counters.add(Counters.MAP_OUTPUT_FILE_BYTES, stored);
            ctx.counters.add(Counters.MAP_OUTPUT_FILE_RAW_BYTES, raw);
            ctx.counters.add(Counters.SPILLED_RECORDS, sortCounters.spilledRecords);
            ctx.counters.add(Counters.MAP_SPILLS, sortCounters.spills);
            if (combiner != null) {
                ctx.counters.add(Counters.COMBINE_INPUT_RECORDS, sortCounters.combineInputRecords);
                ctx.counters.add(Counters.COMBINE_OUTPUT_RECORDS, sortCounters.combineOutputRecords);
            }
            return new TaskOutput(ctx.counters.snapshot(), partitionBytes, null, read.remainder(), hotKeys);
        }
    }

    /** A map-only job: the mapper's pairs go straight to the attempt file as text lines, in emit order. */
    private static TaskOutput runMapOnly(RunningAttempt running, AttemptContext ctx, Mapper<?, ?, ?, ?> mapper,
                                         JobStorage storage) throws Exception {
        String output = running.assignment.attemptOutput();
        try (OutputFile file = storage.create(output);
             BufferedWriter writer = new BufferedWriter(
                     new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), OUTPUT_BUFFER)) {
            TextOutputEmitter<Object, Object> emitter = new TextOutputEmitter<>(writer, "map");
            Read read = readSplit(running, ctx, mapper, emitter, storage);
            running.checkKilled();
            writer.flush();
            file.force();
            running.progress = 1;
            addInputCounters(ctx, read);
            ctx.counters.add(Counters.MAP_OUTPUT_RECORDS, emitter.records);
            return new TaskOutput(ctx.counters.snapshot(), List.of(), output, read.remainder(), List.of());
        }
    }

    /** Calls the mapper on every record of the split (but those to skip), up to a stop request; then cleanup. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Read readSplit(RunningAttempt running, AttemptContext ctx, Mapper mapper, Emitter emitter,
                                  JobStorage storage) throws Exception {
        TaskAssignment task = running.assignment;
        JobSpec job = task.job();
        long records = 0;
        long skipped = 0;
        // Only attempts told to skip records pay for the look-up (one small object per record then).
        Set<RecordRef> skip = new HashSet<>(task.skip());
        List<FileRange> remainder = null; // set when asked to stop
        try (RecordReader reader = RecordReaders.open(job.inputFormat(), task.ranges(), storage)) {
            mapper.setup(ctx);
            while (reader.next()) {
                if ((records & 255) == 0) {
                    running.checkKilled();
                    running.progress = reader.progress();
                    running.bytesRead = reader.bytesRead();
                }
                ctx.inputFile = reader.currentFile();
                long ordinal = records++;
                if (!skip.isEmpty()
                        && skip.contains(RecordRef.map(reader.currentFile(), reader.currentOffset(), ordinal))) {
                    skipped++;
                } else {
                    map(mapper, job, reader, emitter, ordinal);
                }
                if (remainder == null && running.stopRequested()) {
                    remainder = reader.stop();
                    logStop(task, remainder);
                }
            }
            running.bytesRead = reader.bytesRead();
            mapper.cleanup(emitter);
            return new Read(records, skipped, reader.bytesRead(), remainder == null ? List.of() : remainder);
        }
    }

    /** Gives the split to the kernel chunk by chunk, up to a stop request; then the mapper's cleanup. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Read readChunks(RunningAttempt running, AttemptContext ctx, Mapper mapper, WordCountKernel kernel,
                                   JobStorage storage) throws Exception {
        TaskAssignment task = running.assignment;
        List<FileRange> remainder = null; // set when asked to stop
        try (LineChunkReader reader = RecordReaders.openTextChunks(task.ranges(), storage)) {
            mapper.setup(ctx);
            while (reader.nextChunk()) {
                running.checkKilled();
                running.progress = reader.progress();
                running.bytesRead = reader.bytesRead();
                ctx.inputFile = reader.currentFile();
                try {
                    kernel.scan(reader.chunk(), reader.chunkStart(), reader.chunkEnd(), reader.chunkOffset());
                } catch (IOException | UncheckedIOException e) {
                    throw new TaskFailedException("writing map output failed: " + e, e);
                }
                if (remainder == null && running.stopRequested()) {
                    remainder = reader.stop();
                    logStop(task, remainder);
                }
            }
            running.bytesRead = reader.bytesRead();
            mapper.cleanup(kernel.emitter());
            kernel.finish();
            return new Read(kernel.lines(), 0, reader.bytesRead(), remainder == null ? List.of() : remainder);
        }
    }

    private static void addInputCounters(AttemptContext ctx, Read read) {
        ctx.counters.add(Counters.INPUT_BYTES, read.bytesRead());
        ctx.counters.add(Counters.MAP_INPUT_RECORDS, read.records());
        if (read.skipped() > 0) {
            ctx.counters.add(Counters.MAP_SKIPPED_RECORDS, read.skipped());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void map(Mapper mapper, JobSpec job, RecordReader reader, Emitter emitter, long ordinal)
            throws TaskFailedException {
        try {
            mapper.map(reader.key(), reader.value(), emitter);
        } catch (AttemptKilledException e) {
            throw e;
        } catch (MapEmitter.MapOutputException | TextOutputEmitter.OutputWriteException e) {
            throw new TaskFailedException("writing map output failed: " + e.getCause(), e.getCause());
        } catch (Exception | LinkageError | StackOverflowError e) {
            throw new TaskFailedException("mapper " + job.mapper() + " threw " + e + " at "
                    + reader.currentFile() + ":" + reader.currentOffset(), e,
                    RecordRef.map(reader.currentFile(), reader.currentOffset(), ordinal));
        }
    }

    /** The split's bytes, or {@code Long.MAX_VALUE} if it holds a gzip file (whose size says little). */
    private static long plainBytes(List<FileRange> ranges) {
        long bytes = 0;
        for (FileRange r : ranges) {
            if (r.path().endsWith(".gz")) {
                return Long.MAX_VALUE;
            }
            bytes += r.length();
        }
        return bytes;
    }

    private static void logStop(TaskAssignment task, List<FileRange> remainder) {
        long bytes = 0;
        for (FileRange r : remainder) {
            bytes += r.length();
        }
        log.info("attempt {} stopped early: handed back {} bytes in {} ranges", task.attempt(), bytes,
                remainder.size());
    }
}
