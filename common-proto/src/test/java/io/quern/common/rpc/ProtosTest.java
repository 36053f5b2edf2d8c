package io.quern.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.AttemptId;
import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.TaskId;
import io.quern.common.security.ShuffleSecret;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtosTest {
    private static final JobSpec JOB = new JobSpec("wordcount", null, null, null, null, null, List.of("/in"), "/out",
            2, 1024, InputFormat.TEXT, Map.of(), 4, 0, Duration.ZERO);
    private static final AttemptId MAP = new AttemptId("job-0000000001", TaskId.map(3), 0);
    private static final List<FileRange> SPLIT = List.of(new FileRange("/in/a", 0, 100, false));
    private static final ShuffleSecret SECRET = ShuffleSecret.random(new SecureRandom());

    @Test
    void mapAssignment_keepsWhetherToReportPartitionSizes_acrossTheWire() {
        TaskAssignment sampled = TaskAssignment.map(MAP, JOB, SPLIT, null, List.of(), true, SECRET);
        TaskAssignment notSampled = TaskAssignment.map(MAP, JOB, SPLIT, null, List.of(), false, SECRET);

        assertThat(Protos.fromProto(Protos.toProto(sampled)).reportPartitionBytes()).isTrue();
        assertThat(Protos.fromProto(Protos.toProto(notSampled)).reportPartitionBytes()).isFalse();
        assertThat(Protos.fromProto(Protos.toProto(notSampled)).ranges()).isEqualTo(SPLIT);
    }

    @Test
    void mapAssignmentWithoutTheField_reportsPartitionSizes() {
        io.quern.proto.TaskAssignment older = Protos.toProto(TaskAssignment.map(MAP, JOB, SPLIT, List.of(), SECRET))
                .toBuilder().setMap(io.quern.proto.MapTaskSpec.newBuilder().addRanges(Protos.toProto(SPLIT.get(0))))
                .build();

        assertThat(older.getMap().getOmitPartitionBytes()).isFalse();
        assertThat(Protos.fromProto(older).reportPartitionBytes()).isTrue();
    }

    @Test
    void assignment_carriesTheJobsShuffleSecret_acrossTheWire() {
        TaskAssignment map = TaskAssignment.map(MAP, JOB, SPLIT, List.of(), SECRET);

        assertThat(Protos.fromProto(Protos.toProto(map)).shuffleSecret()).isEqualTo(SECRET);
        assertThat(map.toString()).doesNotContain(java.util.HexFormat.of().formatHex(SECRET.bytes()));
    }
}
