package io.quern.worker.exec;

import io.quern.api.Reducer;
import io.quern.common.job.Counters;
import io.quern.common.job.EngineConf;
import io.quern.common.job.JobSpec;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.TaskPhase;
import io.quern.common.storage.JobStorage;
import io.quern.common.storage.OutputFile;
import io.quern.common.types.KeyValueTypes;
import io.quern.common.types.TypeArguments;
import io.quern.worker.codec.Codec;
import io.quern.worker.codec.Codecs;
import io.quern.worker.kernel.SumKernel;
import io.quern.worker.shuffle.FetchProgress;
import io.quern.worker.shuffle.SegmentFetcher;
import io.quern.worker.sort.ForwardingCursor;
import io.quern.worker.sort.GroupingReducer;
import io.quern.worker.sort.RawRecordCursor;
import io.quern.worker.sort.ShuffleMerger;
import io.quern.worker.storage.DiskQuota;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one reduce attempt: fetches its partitions from every map output, merges all the segments
 * into one key-ordered stream with bounded memory, groups by key, calls the user's reducer and
 * writes the attempt's output file, forced to disk before it is reported (the coordinator then
 * commits it by rename). Progress counts each of its phases (shuffle, merge, reduce) as a third.
 */
final class ReduceTaskRunner {
    private static final Logger log = LoggerFactory.getLogger(ReduceTaskRunner.class);
    private static final int OUTPUT_BUFFER = 256 << 10;
    private static final double THIRD = 1.0 / 3;

    private ReduceTaskRunner() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    static TaskOutput run(RunningAttempt running, AttemptContext ctx, ClassLoader loader, Path workDir,
                          WorkerTuning tuning, SegmentFetcher fetcher, DiskQuota.Space space, JobStorage storage)
            throws Exception {
        TaskAssignment task = running.assignment;
        JobSpec job = task.job();
        Reducer reducer = JobClasses.instantiate(loader, job.reducer(), Reducer.class);
        KeyValueTypes types = TypeArguments.keyValueTypes(reducer.getClass(), Reducer.class);
        Codec keys = Codecs.forType(types.inKey());
        Codec values = Codecs.forType(types.inValue());
        int segmentsToFetch = task.mapOutputs().size() * task.partitions().size();
        AtomicLong shuffled = new AtomicLong();
        AtomicInteger segments = new AtomicInteger();
        try (ShuffleMerger merger = new ShuffleMerger(workDir, tuning.reduceMemoryBytes(), tuning.mergeFactor(),
                EngineConf.compression(job.conf()), space)) {
            // Read at each heartbeat: the reduce thread is busy inside the fetch and the merge passes.
            running.progressFrom(() -> switch (running.phase) {
                case SHUFFLE -> THIRD * segments.get() / Math.max(1, segmentsToFetch);
                case MERGE -> THIRD + THIRD * merger.passProgress();
                default -> 2 * THIRD + THIRD * merger.mergeProgress();
            });
            long started = System.nanoTime();
            fetcher.fetchAll(task.attempt().jobId(), task.shuffleSecret(), task.partitions(), task.mapOutputs(),
                    tuning.fetchParallelism(), merger, new FetchProgress() {
                        @Override
                        public boolean cancelled() {
                            return running.isKilled();
                        }

                        @Override
                        public void fetched(long bytes) {
                            running.bytesShuffled = shuffled.addAndGet(bytes);
                        }

                        @Override
                        public void segmentDone() {
                            segments.incrementAndGet();
                        }
                    });
            running.checkKilled();
            long fetched = System.nanoTime();
            running.phase = TaskPhase.MERGE;
            String output = task.attemptOutput();
            long groups = 0;
            long outputRecords;
            long inputRecords = 0;
            boolean hashed;
            // The kernel cannot skip single groups: an attempt told to skip takes the general path.
            boolean kernel = SumKernel.handles(job) && task.skip().isEmpty();
            try (OutputFile file = storage.create(output)) {
                OptionalLong summed = OptionalLong.empty();
                if (kernel) {
                    // A sum needs no order: with every segment in memory, sum by key and skip the merge.
                    Optional<RawRecordCursor> unordered = merger.inMemoryUnordered();
                    if (unordered.isPresent()) {
                        running.phase = TaskPhase.REDUCE;
                        try (CountingCursor input = new CountingCursor(unordered.get(), running)) {
                            OutputStream out = new BufferedOutputStream(file.stream(),
                                    OUTPUT_BUFFER);
                            summed = SumKernel.runHashed(input, out, tuning.reduceMemoryBytes() / 2);
                            out.flush();
                            inputRecords = input.records;
                        }
                    }
                }
                hashed = summed.isPresent();
                if (hashed) {
                    groups = summed.getAsLong();
                    outputRecords = groups;
                } else {
                    try (RawRecordCursor merged = merger.finish()) {
                        running.phase = TaskPhase.REDUCE;
                        CountingCursor input = new CountingCursor(merged, running);
                        if (kernel) {
                            OutputStream out = new BufferedOutputStream(file.stream(),
                                    OUTPUT_BUFFER);
                            groups = SumKernel.run(input, out);
                            outputRecords = groups;
                            out.flush();
                        } else {
                            Reduced r = reduce(reducer, job, task, ctx, file.stream(), input, keys, values);
                            groups = r.groups();
                            outputRecords = r.outputRecords();
                        }
                        inputRecords = input.records;
                    }
                }
                file.force();
            }
            ctx.counters.add(Counters.SHUFFLE_BYTES, shuffled.get());
            ctx.counters.add(Counters.REDUCE_INPUT_GROUPS, groups);
            ctx.counters.add(Counters.REDUCE_INPUT_RECORDS, inputRecords);
            ctx.counters.add(Counters.REDUCE_OUTPUT_RECORDS, outputRecords);
            log.info("attempt {}: fetched {} segments ({} bytes) in {} ms; reduced {} records in {} groups{} in {} ms",
                    task.attempt(), segmentsToFetch, shuffled.get(), (fetched - started) / 1_000_000, inputRecords,
                    groups, hashed ? " by key, without a merge," : "", (System.nanoTime() - fetched) / 1_000_000);
            return TaskOutput.reduce(ctx.counters.snapshot(), output);
        }
    }

    private record Reduced(long groups, long outputRecords) {}

    /** The general path: the user's reducer over each group, its pairs written as text lines. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Reduced reduce(Reducer reducer, JobSpec job, TaskAssignment task, AttemptContext ctx,
                                  OutputStream out, RawRecordCursor input, Codec keys, Codec values)
            throws Exception {
        BufferedWriter writer = new BufferedWriter(
                new OutputStreamWriter(out, StandardCharsets.UTF_8), OUTPUT_BUFFER);
        TextOutputEmitter emitter = new TextOutputEmitter(writer, "reduce");
        reducer.setup(ctx);
        SkippingReducer guarded = new SkippingReducer(reducer, task.skip());
        long groups;
        try {
            groups = GroupingReducer.run(input, keys, values, guarded, emitter);
        } catch (SkippingReducer.GroupFailedException e) {
            throw new TaskFailedException("reducer " + job.reducer() + " threw " + e.getCause() + " on "
                    + e.group.describe(), e.getCause(), e.group);
        }
        reducer.cleanup(emitter);
        if (guarded.skipped > 0) {
            ctx.counters.add(Counters.REDUCE_SKIPPED_GROUPS, guarded.skipped);
        }
        writer.flush();
        return new Reduced(groups, emitter.records);
    }

    /** Counts records and carries kill checks into the reduce loop. */
    private static final class CountingCursor extends ForwardingCursor {
        private final RunningAttempt running;
        long records;

        CountingCursor(RawRecordCursor in, RunningAttempt running) {
            super(in);
            this.running = running;
        }

        @Override
        public boolean next() throws IOException {
            if ((records & 1023) == 0) {
                running.checkKilled();
            }
            boolean more = in.next();
            if (more) {
                records++;
            }
            return more;
        }
    }
}
