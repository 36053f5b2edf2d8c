package io.quern.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSpecTest {
    private static final String SHA = "ab".repeat(32);

    /** A valid job's fields, changed one at a time by each test. */
    private static final class Fields {
        String builtin;
        String jar = SHA;
        String mapper = "com.acme.Tokens";
        String reducer = "com.acme.Sum";
        String combiner;
        String partitioner;
        List<String> inputs = List.of("/data/in");
        String output = "/data/out";
        int reducers = 2;
        long splitSize = JobSpec.DEFAULT_SPLIT_SIZE;
        InputFormat format = InputFormat.TEXT;
        Map<String, String> conf = Map.of();
        int maxAttempts = 4;
        long maxSkipped;
        Duration timeout = Duration.ZERO;

        static Fields builtin(String name) {
            Fields f = new Fields();
            f.builtin = name;
            f.jar = null;
            f.mapper = null;
            f.reducer = null;
            return f;
        }

        JobSpec build() {
            return new JobSpec(builtin, jar, mapper, reducer, combiner, partitioner, inputs, output, reducers,
                    splitSize, format, conf, maxAttempts, maxSkipped, timeout);
        }
    }

    @Test
    void validUserAndBuiltinJobs_areAccepted() {
        JobSpec user = new Fields().build();
        assertThat(user.isBuiltin()).isFalse();
        assertThat(user.displayName()).isEqualTo("Tokens");

        JobSpec builtin = Fields.builtin("wordcount").build();
        assertThat(builtin.isBuiltin()).isTrue();
        assertThat(builtin.displayName()).isEqualTo("wordcount");
        assertThat(builtin.mapper()).isNull();
    }

    @Test
    void noInputs_isRejected() {
        Fields f = new Fields();
        f.inputs = List.of();
        assertRejected(f, "no --input given");
    }

    @Test
    void noOutput_isRejected() {
        Fields f = new Fields();
        f.output = "";
        assertRejected(f, "no --output given");
        f.output = null;
        assertRejected(f, "no --output given");
    }

    @Test
    void negativeReducers_areRejectedNamingTheValue() {
        Fields f = new Fields();
        f.reducers = -1;
        assertRejected(f, "--reducers must not be negative, not -1");
        f.reducers = -3;
        assertRejected(f, "--reducers must not be negative, not -3");
    }

    @Test
    void zeroReducers_isAMapOnlyJob_thatNeedsNoReducer() {
        Fields f = new Fields();
        f.reducers = 0;
        f.reducer = null;
        JobSpec spec = f.build();
        assertThat(spec.isMapOnly()).isTrue();
        assertThat(spec.reducer()).isNull();
        f.mapper = null;
        assertRejected(f, "a user job needs --jar and --mapper");
        Fields b = Fields.builtin("sortgen");
        b.reducers = 0;
        assertThat(b.build().withClasses("io.acme.Gen", null, null, null).mapper()).isEqualTo("io.acme.Gen");
        b.reducers = 2;
        assertThatThrownBy(() -> b.build().withClasses("io.acme.Gen", null, null, null))
                .hasMessage("a job needs both a mapper and a reducer");
    }

    @Test
    void splitPoints_travelWithTheSpec_andAreAtMostOneFewerThanTheReducers() {
        SplitPoints points = new SplitPoints(List.of(new byte[] {1}, new byte[] {2}));
        Fields three = new Fields();
        three.reducers = 3;
        JobSpec spec = three.build().withSplitPoints(points);
        assertThat(spec.splitPoints()).isEqualTo(points);
        assertThat(spec.withClasses("a.M", "a.R", null, null).splitPoints()).isEqualTo(points);
        assertThat(EngineConf.partitions(spec)).as("partition p is reduce p").isEqualTo(3);
        assertThatThrownBy(() -> new Fields().build().withSplitPoints(points))
                .hasMessage("2 split points for 2 reducers");
    }

    @Test
    void userJobWithoutJar_isRejected() {
        Fields f = new Fields();
        f.jar = null;
        assertRejected(f, "a user job needs --jar, --mapper and --reducer");
        f.jar = "";
        assertRejected(f, "a user job needs --jar, --mapper and --reducer");
    }

    @Test
    void userJobWithoutMapperOrReducer_isRejected() {
        Fields f = new Fields();
        f.mapper = null;
        assertRejected(f, "a user job needs --jar, --mapper and --reducer");
        f = new Fields();
        f.reducer = "";
        assertRejected(f, "a user job needs --jar, --mapper and --reducer");
    }

    @Test
    void builtinWithJar_isRejected() {
        Fields f = Fields.builtin("wordcount");
        f.jar = SHA;
        assertRejected(f, "a built-in job takes no --jar");
    }

    @Test
    void builtinWithOnlyOneOfMapperAndReducer_isRejected() {
        Fields f = Fields.builtin("wordcount");
        f.mapper = "com.acme.Tokens";
        assertRejected(f, "a job needs both a mapper and a reducer");
    }

    @Test
    void otherNumbers_areRejectedNamingTheOption() {
        Fields f = new Fields();
        f.splitSize = 0;
        assertRejected(f, "--split-size must be positive, not 0");
        f = new Fields();
        f.maxAttempts = 0;
        assertRejected(f, "--max-attempts must be at least 1, not 0");
        f = new Fields();
        f.maxSkipped = -1;
        assertRejected(f, "--max-skipped-records must not be negative");
        f = new Fields();
        f.timeout = Duration.ofSeconds(-1);
        assertRejected(f, "--timeout must not be negative");
    }

    @Test
    void emptyStringsMeanAbsent_andNoTimeoutMeansZero() {
        Fields f = new Fields();
        f.combiner = "";
        f.partitioner = "";
        f.timeout = null;
        JobSpec spec = f.build();
        assertThat(spec.combiner()).isNull();
        assertThat(spec.partitioner()).isNull();
        assertThat(spec.timeout()).isEqualTo(Duration.ZERO);
    }

    @Test
    void inputsAndConf_areCopied_soLaterChangesToTheArgumentsDoNotLeakIn() {
        Fields f = new Fields();
        List<String> inputs = new ArrayList<>(List.of("/a"));
        Map<String, String> conf = new HashMap<>(Map.of("k", "v"));
        f.inputs = inputs;
        f.conf = conf;
        JobSpec spec = f.build();
        inputs.add("/b");
        conf.put("k2", "v2");
        assertThat(spec.inputs()).containsExactly("/a");
        assertThat(spec.conf()).containsExactlyEntriesOf(Map.of("k", "v"));
        assertThatThrownBy(() -> spec.inputs().add("/c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withClasses_namesTheBuiltinsClassesAndKeepsTheRest() {
        JobSpec builtin = Fields.builtin("grep").build();
        JobSpec resolved = builtin.withClasses("x.GrepMapper", "x.Sum", "x.Sum", null);
        assertThat(resolved.mapper()).isEqualTo("x.GrepMapper");
        assertThat(resolved.reducer()).isEqualTo("x.Sum");
        assertThat(resolved.combiner()).isEqualTo("x.Sum");
        assertThat(resolved.builtin()).isEqualTo("grep");
        assertThat(resolved.inputs()).isEqualTo(builtin.inputs());
        assertThat(resolved.output()).isEqualTo(builtin.output());
    }

    private static void assertRejected(Fields f, String message) {
        assertThatThrownBy(f::build).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
