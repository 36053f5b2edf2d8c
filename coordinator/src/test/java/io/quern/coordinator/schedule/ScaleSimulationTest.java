package io.quern.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.JobState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The scale simulation at a small scale: the real scheduler runs a whole job correctly. */
class ScaleSimulationTest {

    private static ScaleSimulation.Result run(int workers, int maps, int reduces, long seed) {
        ScaleSimulation.Setup setup = new ScaleSimulation.Setup(workers, 2, maps, reduces, Duration.ofMillis(500),
                3, 4, seed, true);
        return new ScaleSimulation(setup, new ScaleSimulation.Observer() {}).run(Duration.ofHours(1));
    }

    @Test
    void smallCluster_jobSucceeds_everyTaskCommitsOnce_andEveryReduceSeesEveryMapsLocation() {
        ScaleSimulation.Result r = run(50, 2000, 50, 7);

        assertThat(r.job()).as("the job finished within the simulated hour").isNotNull();
        assertThat(r.job().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(r.problems()).as("maps succeeding once, reduces committing once, locations right").isEmpty();
        assertThat(r.job().map().succeeded()).isEqualTo(2000);
        assertThat(r.job().reduce().succeeded()).isEqualTo(50);
        assertThat(r.mapAssignments()).as("every map, plus backups").isGreaterThanOrEqualTo(2000);
        assertThat(r.reduceAssignments()).isGreaterThanOrEqualTo(50);
        assertThat(r.assignments() - 2050).as("attempts beyond one per task are the backups")
                .isEqualTo(r.job().mitigation().backupsLaunched());
    }

    @Test
    void reduceAssignments_shareOneMapOutputTable_whileNoMapIsRerun() {
        ScaleSimulation.Result r = run(50, 2000, 50, 11);

        assertThat(r.problems()).isEmpty();
        assertThat(r.distinctLocationTables()).as("tables handed to %d reduce assignments", r.reduceAssignments())
                .isEqualTo(1);
    }

    @Test
    void sameSeed_sameRun() {
        ScaleSimulation.Result a = run(20, 300, 10, 3);
        ScaleSimulation.Result b = run(20, 300, 10, 3);

        assertThat(a.assignments()).isEqualTo(b.assignments());
        assertThat(a.simulated()).isEqualTo(b.simulated());
        assertThat(a.job().mitigation().backupsLaunched()).isEqualTo(b.job().mitigation().backupsLaunched());
    }
}
