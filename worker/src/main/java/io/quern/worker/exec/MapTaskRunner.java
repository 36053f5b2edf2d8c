package io.quern.worker.exec;

import io.quern.api.Mapper;
import io.quern.api.Partitioner;
import io.quern.api.Reducer;
import io.quern.common.job.Counters;
import io.quern.common.job.EngineConf;
import io.quern.common.job.FileRange;
import io.quern.common.job.JobSpec;
import io.quern.common.job.RecordRef;
import io.quern.common.job.TaskAssignment;
import io.quern.common.types.KeyValueTypes;
import io.quern.common.types.TypeArguments;
import io.quern.worker.codec.Codec;
import io.quern.worker.codec.Codecs;
import io.quern.worker.input.RecordReader;
import io.quern.worker.input.RecordReaders;
import io.quern.worker.sort.CodecCombiner;
import io.quern.worker.sort.MapOutputBuffer;
import io.quern.worker.sort.MapOutputFile;
import io.quern.worker.sort.SortCounters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one map attempt: reads its split, calls the user's mapper, and leaves one sorted,
 * partitioned output file with an index in the attempt's directory. Asked to stop (a straggler
 * whose input is handed to other tasks), it stops reading at the next record and succeeds with the
 * output of what it read, reporting the unread rest of its split.
 */
final class MapTaskRunner {
    private static final Logger log = LoggerFactory.getLogger(MapTaskRunner.class);

    private MapTaskRunner() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    static TaskOutput run(RunningAttempt running, AttemptContext ctx, ClassLoader loader, Path workDir,
                          WorkerTuning tuning) throws Exception {
        TaskAssignment task = running.assignment;
        JobSpec job = task.job();
        Mapper mapper = JobClasses.instantiate(loader, job.mapper(), Mapper.class);
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
        long records = 0;
        long skipped = 0;
        // Only attempts told to skip records pay for the look-up (one small object per record then).
        java.util.Set<RecordRef> skip = new java.util.HashSet<>(task.skip());
        int partitions = EngineConf.partitions(job);
        List<FileRange> remainder = null; // set when asked to stop
        try (MapOutputBuffer buffer = new MapOutputBuffer(partitions, tuning.sortBufferBytes(),
                tuning.mergeFactor(), workDir, combiner, sortCounters);
             RecordReader reader = RecordReaders.open(job.inputFormat(), task.ranges())) {
            MapEmitter emitter = new MapEmitter(keys, values, partitioner, partitions, buffer);
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
            running.checkKilled();
            MapOutputFile out = buffer.finish();
            if (combinerFunction != null) {
                // Runs of a combiner are over; what it would emit now has no place in sorted output.
                combinerFunction.cleanup((k, v) -> {
                    throw new IllegalStateException("a combiner must not emit in cleanup");
                });
            }
            running.progress = 1;
            List<Long> partitionBytes = new ArrayList<>(task.reportPartitionBytes() ? out.partitions() : 0);
            for (int p = 0; task.reportPartitionBytes() && p < out.partitions(); p++) {
                partitionBytes.add(out.entry(p).length());
            }
            ctx.counters.add(Counters.INPUT_BYTES, reader.bytesRead());
            ctx.counters.add(Counters.MAP_INPUT_RECORDS, records);
            if (skipped > 0) {
                ctx.counters.add(Counters.MAP_SKIPPED_RECORDS, skipped);
            }
            ctx.counters.add(Counters.MAP_OUTPUT_RECORDS, emitter.records);
            ctx.counters.add(Counters.MAP_OUTPUT_BYTES, emitter.bytes);
            ctx.counters.add(Counters.SPILLED_RECORDS, sortCounters.spilledRecords);
            ctx.counters.add(Counters.MAP_SPILLS, sortCounters.spills);
            if (combiner != null) {
                ctx.counters.add(Counters.COMBINE_INPUT_RECORDS, sortCounters.combineInputRecords);
                ctx.counters.add(Counters.COMBINE_OUTPUT_RECORDS, sortCounters.combineOutputRecords);
            }
            return new TaskOutput(ctx.counters.snapshot(), partitionBytes, null,
                    remainder == null ? List.of() : remainder, emitter.hotKeys());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void map(Mapper mapper, JobSpec job, RecordReader reader, MapEmitter emitter, long ordinal)
            throws TaskFailedException {
        try {
            mapper.map(reader.key(), reader.value(), emitter);
        } catch (AttemptKilledException e) {
            throw e;
        } catch (MapEmitter.MapOutputException e) {
            throw new TaskFailedException("writing map output failed: " + e.getCause(), e.getCause());
        } catch (Exception | LinkageError | StackOverflowError e) {
            throw new TaskFailedException("mapper " + job.mapper() + " threw " + e + " at "
                    + reader.currentFile() + ":" + reader.currentOffset(), e,
                    RecordRef.map(reader.currentFile(), reader.currentOffset(), ordinal));
        }
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
