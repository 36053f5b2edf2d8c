package io.quern.common.rpc;

import com.google.protobuf.ByteString;
import io.quern.common.job.AttemptId;
import io.quern.common.job.AttemptOutcome;
import io.quern.common.job.AttemptProgress;
import io.quern.common.job.AttemptResult;
import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.JobState;
import io.quern.common.job.KeyCount;
import io.quern.common.job.MapOutputLocation;
import io.quern.common.job.RecordRef;
import io.quern.common.job.SplitPoints;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.TaskId;
import io.quern.common.job.TaskPhase;
import io.quern.common.job.WorkerAddress;
import io.quern.common.security.ShuffleSecret;
import io.quern.proto.AttemptRef;
import io.quern.proto.AttemptReport;
import io.quern.proto.MapTaskSpec;
import io.quern.proto.ReduceTaskSpec;
import io.quern.proto.WorkerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Converts between domain records and their protobuf messages; the only place that knows both. */
public final class Protos {
    private Protos() {}

    public static io.quern.proto.JobSpec toProto(JobSpec s) {
        io.quern.proto.JobSpec.Builder b = io.quern.proto.JobSpec.newBuilder()
                .addAllInputs(s.inputs())
                .setOutput(s.output())
                .setReducers(s.reducers())
                .setSplitSize(s.splitSize())
                .setInputFormat(s.inputFormat() == InputFormat.WHOLE_FILE
                        ? io.quern.proto.InputFormat.INPUT_FORMAT_WHOLE_FILE
                        : io.quern.proto.InputFormat.INPUT_FORMAT_TEXT)
                .putAllConf(s.conf())
                .setMaxAttempts(s.maxAttempts())
                .setMaxSkippedRecords(s.maxSkippedRecords())
                .setTimeoutMillis(s.timeout().toMillis());
        if (s.builtin() != null) {
            b.setBuiltin(s.builtin());
        }
        if (s.jarSha256() != null) {
            b.setJarSha256(s.jarSha256());
        }
        if (s.mapper() != null) {
            b.setMapperClass(s.mapper());
        }
        if (s.reducer() != null) {
            b.setReducerClass(s.reducer());
        }
        if (s.combiner() != null) {
            b.setCombinerClass(s.combiner());
        }
        if (s.partitioner() != null) {
            b.setPartitionerClass(s.partitioner());
        }
        if (s.splitPoints() != null) {
            io.quern.proto.SplitPoints.Builder points = io.quern.proto.SplitPoints.newBuilder();
            s.splitPoints().all().forEach(k -> points.addKeys(ByteString.copyFrom(k)));
            b.setSplitPoints(points);
        }
        return b.build();
    }

    /** @throws IllegalArgumentException when the message does not make a valid spec */
    public static JobSpec fromProto(io.quern.proto.JobSpec p) {
        return new JobSpec(p.getBuiltin(), p.getJarSha256(), p.getMapperClass(), p.getReducerClass(),
                p.getCombinerClass(), p.getPartitionerClass(), p.getInputsList(), p.getOutput(),
                p.getReducers(), p.getSplitSize(),
                p.getInputFormat() == io.quern.proto.InputFormat.INPUT_FORMAT_WHOLE_FILE
                        ? InputFormat.WHOLE_FILE : InputFormat.TEXT,
                p.getConfMap(), p.getMaxAttempts(), p.getMaxSkippedRecords(),
                Duration.ofMillis(p.getTimeoutMillis()),
                p.hasSplitPoints() ? new SplitPoints(p.getSplitPoints().getKeysList().stream()
                        .map(ByteString::toByteArray).toList()) : null);
    }

    public static io.quern.proto.JobState toProto(JobState s) {
        return switch (s) {
            case RUNNING -> io.quern.proto.JobState.JOB_STATE_RUNNING;
            case SUCCEEDED -> io.quern.proto.JobState.JOB_STATE_SUCCEEDED;
            case FAILED -> io.quern.proto.JobState.JOB_STATE_FAILED;
            case KILLED -> io.quern.proto.JobState.JOB_STATE_KILLED;
        };
    }

    public static JobState fromProto(io.quern.proto.JobState s) {
        return switch (s) {
            case JOB_STATE_SUCCEEDED -> JobState.SUCCEEDED;
            case JOB_STATE_FAILED -> JobState.FAILED;
            case JOB_STATE_KILLED -> JobState.KILLED;
            default -> JobState.RUNNING;
        };
    }

    public static AttemptRef toProto(AttemptId a) {
        return AttemptRef.newBuilder().setJobId(a.jobId()).setTaskId(a.task().toString())
                .setAttempt(a.attempt()).build();
    }

    public static AttemptId fromProto(AttemptRef r) {
        return new AttemptId(r.getJobId(), TaskId.parse(r.getTaskId()), r.getAttempt());
    }

    public static io.quern.proto.TaskAssignment toProto(TaskAssignment t) {
        io.quern.proto.TaskAssignment.Builder b = io.quern.proto.TaskAssignment.newBuilder()
                .setJobId(t.attempt().jobId())
                .setTaskId(t.attempt().task().toString())
                .setAttempt(t.attempt().attempt())
                .setJob(toProto(t.job()))
                .setShuffleSecret(ByteString.copyFrom(t.shuffleSecret().bytes()));
        switch (t.kind()) {
            case MAP -> {
                MapTaskSpec.Builder m = MapTaskSpec.newBuilder().setOmitPartitionBytes(!t.reportPartitionBytes());
                for (FileRange r : t.ranges()) {
                    m.addRanges(toProto(r));
                }
                b.setMap(m);
                if (t.attemptOutput() != null) {
                    b.setAttemptOutput(t.attemptOutput());
                }
            }
            case REDUCE -> {
                ReduceTaskSpec.Builder r = ReduceTaskSpec.newBuilder().setPartition(t.partition())
                        .addAllFinePartitions(t.partitions());
                for (MapOutputLocation l : t.mapOutputs()) {
                    r.addMaps(io.quern.proto.MapOutputLocation.newBuilder().setMapIndex(l.mapIndex())
                            .setAttempt(l.attempt()).setWorkerId(l.workerId()).setHost(l.host()).setPort(l.port()));
                }
                b.setReduce(r).setAttemptOutput(t.attemptOutput());
            }
        }
        for (RecordRef r : t.skip()) {
            b.addSkip(toProto(r));
        }
        return b.build();
    }

    public static TaskAssignment fromProto(io.quern.proto.TaskAssignment p) {
        AttemptId id = new AttemptId(p.getJobId(), TaskId.parse(p.getTaskId()), p.getAttempt());
        JobSpec job = fromProto(p.getJob());
        List<RecordRef> skip = p.getSkipList().stream().map(Protos::fromProto).toList();
        ShuffleSecret secret = ShuffleSecret.of(p.getShuffleSecret().toByteArray());
        if (p.hasMap()) {
            List<FileRange> ranges = p.getMap().getRangesList().stream().map(Protos::fromProto).toList();
            return TaskAssignment.map(id, job, ranges, p.getAttemptOutput().isEmpty() ? null : p.getAttemptOutput(),
                    skip, !p.getMap().getOmitPartitionBytes(), secret);
        }
        List<MapOutputLocation> maps = new ArrayList<>();
        for (io.quern.proto.MapOutputLocation l : p.getReduce().getMapsList()) {
            maps.add(new MapOutputLocation(l.getMapIndex(), l.getAttempt(), l.getWorkerId(), l.getHost(), l.getPort()));
        }
        return TaskAssignment.reduce(id, job, p.getReduce().getFinePartitionsList(), maps, p.getAttemptOutput(), skip,
                secret);
    }

    public static io.quern.proto.FileRange toProto(FileRange r) {
        return io.quern.proto.FileRange.newBuilder().setPath(r.path()).setStart(r.start()).setLength(r.length())
                .setWhole(r.whole()).build();
    }

    public static FileRange fromProto(io.quern.proto.FileRange r) {
        return new FileRange(r.getPath(), r.getStart(), r.getLength(), r.getWhole());
    }

    public static io.quern.proto.KeyCount toProto(KeyCount k) {
        return io.quern.proto.KeyCount.newBuilder().setKey(k.key()).setCount(k.count()).build();
    }

    public static KeyCount fromProto(io.quern.proto.KeyCount k) {
        return new KeyCount(k.getKey(), k.getCount());
    }

    public static io.quern.proto.TaskPhase toProto(TaskPhase p) {
        return switch (p) {
            case MAP -> io.quern.proto.TaskPhase.TASK_PHASE_MAP;
            case SHUFFLE -> io.quern.proto.TaskPhase.TASK_PHASE_SHUFFLE;
            case MERGE -> io.quern.proto.TaskPhase.TASK_PHASE_MERGE;
            case REDUCE -> io.quern.proto.TaskPhase.TASK_PHASE_REDUCE;
        };
    }

    /** null for an unset phase. */
    public static TaskPhase fromProto(io.quern.proto.TaskPhase p) {
        return switch (p) {
            case TASK_PHASE_MAP -> TaskPhase.MAP;
            case TASK_PHASE_SHUFFLE -> TaskPhase.SHUFFLE;
            case TASK_PHASE_MERGE -> TaskPhase.MERGE;
            case TASK_PHASE_REDUCE -> TaskPhase.REDUCE;
            default -> null;
        };
    }

    public static AttemptReport toProto(AttemptResult r) {
        AttemptReport.Builder b = AttemptReport.newBuilder()
                .setWorkerId(r.workerId())
                .setAttempt(toProto(r.attempt()))
                .setOutcome(switch (r.outcome()) {
                    case SUCCEEDED -> io.quern.proto.AttemptOutcome.ATTEMPT_OUTCOME_SUCCEEDED;
                    case FAILED -> io.quern.proto.AttemptOutcome.ATTEMPT_OUTCOME_FAILED;
                    case KILLED -> io.quern.proto.AttemptOutcome.ATTEMPT_OUTCOME_KILLED;
                })
                .putAllCounters(r.counters())
                .addAllPartitionBytes(r.partitionBytes());
        if (r.error() != null) {
            b.setError(r.error());
        }
        if (r.outputFile() != null) {
            b.setOutputFile(r.outputFile());
        }
        if (r.badRecord() != null) {
            b.setBadRecord(toProto(r.badRecord()));
        }
        b.setFetchFailedMap(r.fetchFailure() == null ? -1 : r.fetchFailure().mapIndex());
        b.setFetchFailedAttempt(r.fetchFailure() == null ? -1 : r.fetchFailure().attempt());
        r.remainder().forEach(x -> b.addRemainder(toProto(x)));
        r.hotKeys().forEach(k -> b.addHotKeys(toProto(k)));
        return b.build();
    }

    public static AttemptResult fromProto(AttemptReport p) {
        AttemptOutcome outcome = switch (p.getOutcome()) {
            case ATTEMPT_OUTCOME_SUCCEEDED -> AttemptOutcome.SUCCEEDED;
            case ATTEMPT_OUTCOME_KILLED -> AttemptOutcome.KILLED;
            default -> AttemptOutcome.FAILED;
        };
        return new AttemptResult(p.getWorkerId(), fromProto(p.getAttempt()), outcome, p.getCountersMap(),
                p.getError().isEmpty() ? null : p.getError(), p.getPartitionBytesList(),
                p.getOutputFile().isEmpty() ? null : p.getOutputFile(),
                p.hasBadRecord() ? fromProto(p.getBadRecord()) : null,
                p.getFetchFailedMap() < 0 || p.getFetchFailedAttempt() < 0 ? null
                        : new AttemptResult.MapOutputRef(p.getFetchFailedMap(), p.getFetchFailedAttempt()),
                p.getRemainderList().stream().map(Protos::fromProto).toList(),
                p.getHotKeysList().stream().map(Protos::fromProto).toList());
    }

    public static io.quern.proto.RecordRef toProto(RecordRef r) {
        io.quern.proto.RecordRef.Builder b = io.quern.proto.RecordRef.newBuilder().setOffset(r.offset())
                .setOrdinal(r.ordinal());
        if (r.file() != null) {
            b.setFile(r.file());
        }
        if (r.key() != null) {
            b.setKey(r.key());
        }
        return b.build();
    }

    public static RecordRef fromProto(io.quern.proto.RecordRef p) {
        return new RecordRef(p.getFile().isEmpty() ? null : p.getFile(), p.getOffset(), p.getOrdinal(),
                p.getFile().isEmpty() ? p.getKey() : null);
    }

    public static io.quern.proto.AttemptProgress toProto(AttemptProgress p) {
        return io.quern.proto.AttemptProgress.newBuilder().setAttempt(toProto(p.attempt()))
                .setFraction(p.fraction()).setBytesRead(p.bytesRead()).setBytesShuffled(p.bytesShuffled())
                .setPhase(toProto(p.phase())).build();
    }

    public static AttemptProgress fromProto(io.quern.proto.AttemptProgress p) {
        return new AttemptProgress(fromProto(p.getAttempt()), p.getFraction(), p.getBytesRead(), p.getBytesShuffled(),
                fromProto(p.getPhase()));
    }

    public static WorkerInfo toProto(WorkerAddress w) {
        return WorkerInfo.newBuilder().setWorkerId(w.workerId()).setHost(w.host()).setPort(w.port())
                .setSlots(w.slots()).setStartTimeMillis(w.startTimeMillis()).build();
    }

    public static WorkerAddress fromProto(WorkerInfo w) {
        return new WorkerAddress(w.getWorkerId(), w.getHost(), w.getPort(), w.getSlots(), w.getStartTimeMillis());
    }
}
