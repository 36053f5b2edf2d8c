package io.quern.worker.exec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.quern.api.Emitter;
import io.quern.api.Mapper;
import io.quern.api.Reducer;
import io.quern.common.job.AttemptId;
import io.quern.common.job.AttemptOutcome;
import io.quern.common.job.AttemptProgress;
import io.quern.common.job.AttemptResult;
import io.quern.common.job.Counters;
import io.quern.common.job.EngineConf;
import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.MapOutputLocation;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.TaskId;
import io.quern.common.job.TaskPhase;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quern.common.security.ShuffleSecret;
import io.quern.proto.SegmentRequest;
import io.quern.proto.ShuffleServiceGrpc;
import io.quern.worker.rpc.ShuffleRpcService;
import io.quern.worker.shuffle.JobSecrets;
import io.quern.worker.shuffle.ShuffleAuth;
import io.quern.worker.shuffle.SegmentFetcher;
import io.quern.worker.shuffle.ShuffleClients;
import io.quern.worker.storage.DiskQuota;
import io.quern.worker.storage.LocalStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Map and reduce attempts on one worker's executor, the shuffle going over loopback gRPC to the
 * worker's own shuffle service: fine partitions, stopping a map early, hot keys, phases and fetch
 * failures and refused shuffle secrets, as the coordinator sees them in attempt reports and heartbeats.
 */
class TaskExecutorIT {
    private static final String JOB = "job-1";
    private static final String HOT = "hot";
    private static final String STOP_HERE = "stop-here";
    private static final ShuffleSecret SECRET = ShuffleSecret.random(new SecureRandom());

    /** Set by a test that wants a task to pause: reached when it gets there, released by the test. */
    static volatile CountDownLatch reached = new CountDownLatch(0);
    static volatile CountDownLatch release = new CountDownLatch(0);

    @TempDir Path dir;
    private final BlockingQueue<AttemptResult> results = new LinkedBlockingQueue<>();
    private ShuffleClients clients;
    private ExecutorService fetchPool;
    private Server server;
    private TaskExecutor executor;
    private LocalStore store;
    private JobSecrets secrets;

    /** Emits (word, 1) per word; waits at a line {@value #STOP_HERE} while a test holds it. */
    public static final class WordMapper implements Mapper<Long, String, String, Long> {
        @Override
        public void map(Long offset, String line, Emitter<String, Long> out) throws InterruptedException {
            if (line.equals(STOP_HERE)) {
                pause();
            }
            for (String w : line.split(" ")) {
                if (!w.isEmpty()) {
                    out.emit(w, 1L);
                }
            }
        }
    }

    /** Sums the counts; waits at its first key while a test holds it. */
    public static final class SumReducer implements Reducer<String, Long, String, Long> {
        private boolean first = true;

        @Override
        public void reduce(String key, Iterable<Long> values, Emitter<String, Long> out) throws InterruptedException {
            if (first) {
                first = false;
                pause();
            }
            long sum = 0;
            for (long v : values) {
                sum += v;
            }
            out.emit(key, sum);
        }
    }

    private static void pause() throws InterruptedException {
        reached.countDown();
        release.await();
    }

    @BeforeEach
    void start() throws IOException {
        reached = new CountDownLatch(0);
        release = new CountDownLatch(0);
        store = new LocalStore(dir.resolve("data"));
        secrets = new JobSecrets();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ShuffleRpcService(store, secrets)).build().start();
        clients = new ShuffleClients();
        fetchPool = Executors.newCachedThreadPool();
        executor = executor(new DiskQuota("w1", DiskQuota.UNLIMITED));
    }

    private TaskExecutor executor(DiskQuota quota) {
        return new TaskExecutor("w1", store, quota, sha -> {
            throw new IOException("built-in jobs need no jar");
        }, results::add, new WorkerTuning(8192, 1 << 20, 3, 3), new SegmentFetcher(clients, fetchPool), secrets);
    }

    @Test
    void reduceWhoseFetchedSegmentsOutgrowTheDiskQuota_failsWithTheQuotaNotTheMaps_andCleanupGivesAllBack()
            throws Exception {
        // Segments over a quarter of 4 KiB go to disk, as stored: uncompressed, as big as the map output.
        JobSpec job = new JobSpec("test", null, WordMapper.class.getName(), SumReducer.class.getName(), null, null,
                List.of(dir.toString()), dir.resolve("out").toString(), 1, 1 << 20, InputFormat.TEXT,
                Map.of("quern.reduce.memory.bytes", "4096", "quern.intermediate.compress", "none"), 1, 0,
                Duration.ZERO);
        List<Path> inputs = List.of(writeWords("a.txt", new Random(1), 3000, new TreeMap<>()),
                writeWords("b.txt", new Random(2), 3000, new TreeMap<>()));
        List<MapOutputLocation> maps = List.of(location(0), location(1));
        DiskQuota measure = new DiskQuota("w1", DiskQuota.UNLIMITED);
        executor.close();
        executor = executor(measure);
        for (int m = 0; m < 2; m++) {
            runMap(job, m, List.of(whole(inputs.get(m))));
        }
        long mapOutput = measure.used();
        assertThat(mapOutput).as("map output held for the reduces counts").isPositive();
        executor.cleanupJob(JOB);
        assertThat(measure.used()).isZero();

        // Room for the map output and half of it again: the reduce, fetching it all to disk, cannot fit.
        DiskQuota quota = new DiskQuota("w1", mapOutput + mapOutput / 2);
        executor.close();
        executor = executor(quota);
        for (int m = 0; m < 2; m++) {
            runMap(job, m, List.of(whole(inputs.get(m))));
        }
        AttemptResult r = runReduce(job, 0, List.of(0, 1, 2, 3), maps);

        assertThat(r.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(r.error()).startsWith("worker w1: disk quota for intermediate data exceeded: ")
                .contains(" more needed");
        assertThat(r.fetchFailure()).as("the fault is this worker's, not the map's").isNull();
        assertThat(quota.used()).as("the failed reduce gave its segments back").isEqualTo(mapOutput);
        executor.cleanupJob(JOB);
        assertThat(quota.used()).isZero();
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        executor.close();
        clients.close();
        fetchPool.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void mapsWriteFinePartitions_andEachReduceMergesItsPartitionsIntoOneSortedFile() throws Exception {
        JobSpec job = job(2);
        Map<String, Long> expected = new TreeMap<>();
        List<MapOutputLocation> maps = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            Path input = writeWords("in" + m + ".txt", new Random(m), 3000, expected);
            AttemptResult r = runMap(job, m, List.of(whole(input)));
            assertThat(r.partitionBytes()).as("reducers x the default partition factor")
                    .hasSize(2 * EngineConf.DEFAULT_PARTITION_FACTOR);
            assertThat(r.hotKeys().get(0).key()).isEqualTo(HOT);
            assertThat((double) r.hotKeys().get(0).count())
                    .isBetween(0.8 * r.counters().get(Counters.MAP_OUTPUT_RECORDS) / 3,
                            1.2 * r.counters().get(Counters.MAP_OUTPUT_RECORDS) / 3);
            assertThat(r.remainder()).isEmpty();
            maps.add(location(m));
        }
        Map<String, Long> actual = new TreeMap<>();
        List<List<Integer>> partitions = List.of(List.of(0, 2, 5, 7), List.of(6, 1, 3, 4));
        for (int r = 0; r < 2; r++) {
            AttemptResult result = runReduce(job, r, partitions.get(r), maps);
            List<String> keys = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(result.outputFile()), UTF_8)) {
                String[] kv = line.split("\t");
                keys.add(kv[0]);
                assertThat(actual.put(kv[0], Long.parseLong(kv[1]))).as("%s in one reduce only", kv[0]).isNull();
            }
            assertThat(keys).as("reduce %d output sorted", r).isNotEmpty().isSortedAccordingTo(Comparator.naturalOrder());
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void userPartitioner_getsTheReducers_andTheMapsWriteThatMany() throws Exception {
        JobSpec job = new JobSpec("test", null, WordMapper.class.getName(), SumReducer.class.getName(), null,
                FirstLetterPartitioner.class.getName(), List.of(dir.toString()), dir.resolve("out").toString(), 3,
                1 << 20, InputFormat.TEXT, Map.of(), 1, 0, Duration.ZERO);
        Path input = Files.writeString(dir.resolve("in.txt"), "a b c d e f\n", UTF_8);
        assertThat(runMap(job, 0, List.of(whole(input))).partitionBytes()).hasSize(3);
    }

    /** Partitions by the first letter, for 3 partitions only. */
    public static final class FirstLetterPartitioner implements io.quern.api.Partitioner<String> {
        @Override
        public int partition(String key, int partitions) {
            if (partitions != 3) {
                throw new IllegalArgumentException("called with " + partitions + " partitions");
            }
            return key.charAt(0) % partitions;
        }
    }

    @Test
    void stoppedMap_succeedsWithWhatItRead_andItsRemainderCompletesTheInput() throws Exception {
        JobSpec job = job(1);
        Map<String, Long> expected = new TreeMap<>();
        StringBuilder text = new StringBuilder();
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            String line = i == 700 ? STOP_HERE : "w" + random.nextInt(50) + " " + HOT;
            text.append(line).append('\n');
            for (String w : line.split(" ")) {
                expected.merge(w, 1L, Long::sum);
            }
        }
        Path input = Files.writeString(dir.resolve("in.txt"), text, UTF_8);
        long afterStopLine = text.indexOf(STOP_HERE) + STOP_HERE.length() + 1;

        reached = new CountDownLatch(1);
        release = new CountDownLatch(1);
        AttemptId first = new AttemptId(JOB, TaskId.map(0), 0);
        executor.start(TaskAssignment.map(first, job, List.of(whole(input)), List.of(), SECRET));
        assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
        AttemptProgress progress = executor.progress().get(0);
        assertThat(progress.phase()).isEqualTo(TaskPhase.MAP);
        executor.requestStop(first);
        release.countDown();
        AttemptResult stopped = next();

        assertThat(stopped.outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
        assertThat(stopped.counters()).containsEntry(Counters.MAP_INPUT_RECORDS, 701L);
        assertThat(stopped.remainder()).containsExactly(
                new FileRange(input.toString(), afterStopLine, Files.size(input) - afterStopLine, false));
        executor.requestStop(first); // ended: ignored

        AttemptResult rest = runMap(job, 1, stopped.remainder());
        assertThat(rest.counters()).containsEntry(Counters.MAP_INPUT_RECORDS, 2000L - 701);
        AttemptResult reduce = runReduce(job, 0, List.of(0, 1, 2, 3), List.of(location(0), location(1)));
        Map<String, Long> actual = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(reduce.outputFile()), UTF_8)) {
            String[] kv = line.split("\t");
            actual.put(kv[0], Long.parseLong(kv[1]));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void reduceReportsItsPhase_andProgressInTheLastThirdWhileReducing() throws Exception {
        JobSpec job = job(1);
        Path input = writeWords("in.txt", new Random(1), 500, new TreeMap<>());
        runMap(job, 0, List.of(whole(input)));
        reached = new CountDownLatch(1);
        release = new CountDownLatch(1);
        AttemptId id = new AttemptId(JOB, TaskId.reduce(0), 0);
        executor.start(TaskAssignment.reduce(id, job, List.of(0, 1, 2, 3), List.of(location(0)),
                dir.resolve("part-r-0").toString(), List.of(), SECRET));
        assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
        AttemptProgress progress = executor.progress().get(0);
        assertThat(progress.phase()).isEqualTo(TaskPhase.REDUCE);
        assertThat(progress.fraction()).isBetween(2.0 / 3, 1.0);
        assertThat(progress.bytesShuffled()).isPositive();
        executor.requestStop(id); // not a map: ignored
        release.countDown();
        assertThat(next().outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
    }

    @Test
    void unreachableMapOutput_failsTheReduce_namingTheMap() throws Exception {
        JobSpec job = job(1);
        Path input = writeWords("in.txt", new Random(1), 100, new TreeMap<>());
        runMap(job, 0, List.of(whole(input)));
        AttemptResult r = runReduce(job, 0, List.of(2, 3), List.of(location(0), new MapOutputLocation(5, 1, "w1",
                "127.0.0.1", server.getPort())));
        assertThat(r.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(r.fetchFailure()).isEqualTo(new AttemptResult.MapOutputRef(5, 1));
        assertThat(r.error()).contains("map 5");
    }

    @Test
    void reduceWithAnotherJobsSecret_isRefusedByTheServingWorker_andFailsWithoutBlamingTheMap() throws Exception {
        JobSpec job = job(1);
        runMap(job, 0, List.of(whole(writeWords("in.txt", new Random(1), 100, new TreeMap<>()))));
        long start = System.nanoTime();

        AttemptResult r = runReduce(job, 0, List.of(0, 1, 2, 3), List.of(location(0)),
                ShuffleSecret.random(new SecureRandom()));

        assertThat(r.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(r.error()).contains("refused").contains("not signed with that job's secret").contains("map 0");
        assertThat(r.fetchFailure()).as("the map's output is not lost: no re-run").isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not retried (the back-offs add up to 1.2 s)")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(dir.resolve("part-r-0")).as("the failed attempt's partial file").doesNotExist();
    }

    @Test
    void shuffleServer_refusesAFetchWithoutOrWithAWrongSignature_andServesTheRightOne() throws Exception {
        runMap(job(1), 0, List.of(whole(writeWords("in.txt", new Random(1), 100, new TreeMap<>()))));
        var channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        try {
            var stub = ShuffleServiceGrpc.newBlockingStub(channel);
            SegmentRequest unsigned = SegmentRequest.newBuilder().setJobId(JOB).setMapIndex(0).setAttempt(0)
                    .setPartition(1).build();
            SegmentRequest otherPartition = unsigned.toBuilder().setMac(com.google.protobuf.ByteString.copyFrom(
                    ShuffleAuth.sign(SECRET, JOB, 0, 0, 2))).build();
            SegmentRequest signed = unsigned.toBuilder().setMac(com.google.protobuf.ByteString.copyFrom(
                    ShuffleAuth.sign(SECRET, JOB, 0, 0, 1))).build();

            for (SegmentRequest bad : List.of(unsigned, otherPartition)) {
                StatusRuntimeException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                        () -> stub.fetchSegment(bad).next(), StatusRuntimeException.class);
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                assertThat(e.getStatus().getDescription()).contains(JOB).contains("secret");
            }
            assertThat(stub.fetchSegment(signed).next().getTotalLength()).isPositive();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private JobSpec job(int reducers) {
        return new JobSpec("test", null, WordMapper.class.getName(), SumReducer.class.getName(), null, null,
                List.of(dir.toString()), dir.resolve("out").toString(), reducers, 1 << 20, InputFormat.TEXT,
                Map.of(), 1, 0, Duration.ZERO);
    }

    /** Lines of random words, a third of them {@value #HOT}. */
    private Path writeWords(String name, Random random, int words, Map<String, Long> counts) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String w = i % 3 == 0 ? HOT : "w" + random.nextInt(400);
            counts.merge(w, 1L, Long::sum);
            sb.append(w).append(i % 7 == 6 ? '\n' : ' ');
        }
        return Files.writeString(dir.resolve(name), sb, UTF_8);
    }

    private AttemptResult runMap(JobSpec job, int index, List<FileRange> ranges) throws InterruptedException {
        executor.start(TaskAssignment.map(new AttemptId(JOB, TaskId.map(index), 0), job, ranges, List.of(), SECRET));
        AttemptResult r = next();
        assertThat(r.outcome()).as("map %d: %s", index, r.error()).isEqualTo(AttemptOutcome.SUCCEEDED);
        return r;
    }

    private AttemptResult runReduce(JobSpec job, int index, List<Integer> partitions, List<MapOutputLocation> maps)
            throws InterruptedException {
        return runReduce(job, index, partitions, maps, SECRET);
    }

    private AttemptResult runReduce(JobSpec job, int index, List<Integer> partitions, List<MapOutputLocation> maps,
                                    ShuffleSecret secret) throws InterruptedException {
        executor.start(TaskAssignment.reduce(new AttemptId(JOB, TaskId.reduce(index), 0), job, partitions, maps,
                dir.resolve("part-r-" + index).toString(), List.of(), secret));
        return next();
    }

    private AttemptResult next() throws InterruptedException {
        AttemptResult r = results.poll(60, TimeUnit.SECONDS);
        assertThat(r).as("an attempt report").isNotNull();
        return r;
    }

    private MapOutputLocation location(int map) {
        return new MapOutputLocation(map, 0, "w1", "127.0.0.1", server.getPort());
    }

    private static FileRange whole(Path file) throws IOException {
        return new FileRange(file.toString(), 0, Files.size(file), false);
    }
}
