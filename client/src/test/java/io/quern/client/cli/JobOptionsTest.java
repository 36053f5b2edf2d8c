package io.quern.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.quern.client.JobRequests;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The JOB-OPTIONS as {@code quern submit} parses them, and the request they make. */
class JobOptionsTest {

    @Test
    void builtinJob_withDefaults() {
        JobSpec spec = spec("--job", "wordcount", "--input", "/data/in", "--output", "/data/out");
        assertThat(spec.builtin()).isEqualTo("wordcount");
        assertThat(spec.jarSha256()).isNull();
        assertThat(spec.inputs()).containsExactly("/data/in");
        assertThat(spec.output()).isEqualTo("/data/out");
        assertThat(spec.reducers()).isEqualTo(2);
        assertThat(spec.splitSize()).isEqualTo(64L << 20);
        assertThat(spec.inputFormat()).isEqualTo(InputFormat.TEXT);
        assertThat(spec.maxAttempts()).isEqualTo(4);
        assertThat(spec.maxSkippedRecords()).isZero();
        assertThat(spec.timeout()).isEqualTo(Duration.ZERO);
        assertThat(spec.conf()).isEmpty();
    }

    @Test
    void everyOption_reachesTheRequest() {
        JobSpec spec = spec("--jar", "app.jar", "--mapper", "com.acme.Tokens", "--reducer", "com.acme.Sum",
                "--combiner", "com.acme.Sum", "--partitioner", "com.acme.ByLetter", "--input", "/a", "--input", "/b",
                "--output", "/out", "--reducers", "7", "--split-size", "1k", "--input-format", "whole-file",
                "--max-attempts", "2", "--max-skipped-records", "5", "--timeout", "90s");
        assertThat(spec.jarSha256()).as("a user job carries its jar").isNotNull();
        assertThat(spec.mapper()).isEqualTo("com.acme.Tokens");
        assertThat(spec.reducer()).isEqualTo("com.acme.Sum");
        assertThat(spec.combiner()).isEqualTo("com.acme.Sum");
        assertThat(spec.partitioner()).isEqualTo("com.acme.ByLetter");
        assertThat(spec.inputs()).containsExactly("/a", "/b");
        assertThat(spec.reducers()).isEqualTo(7);
        assertThat(spec.splitSize()).isEqualTo(1024);
        assertThat(spec.inputFormat()).isEqualTo(InputFormat.WHOLE_FILE);
        assertThat(spec.maxAttempts()).isEqualTo(2);
        assertThat(spec.maxSkippedRecords()).isEqualTo(5);
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void repeatedConf_isCollected_splittingAtTheFirstEquals() {
        JobOptions options = parse("--job", "grep", "--conf", "pattern=a=b", "--conf", "k=v", "--input", "/in",
                "--output", "/out");
        assertThat(options.conf).containsExactly(entry("pattern", "a=b"), entry("k", "v"));
        assertThat(JobRequests.spec(options.toRequest()).conf())
                .containsExactlyInAnyOrderEntriesOf(Map.of("pattern", "a=b", "k", "v"));
    }

    @Test
    void relativePaths_becomeAbsolute() {
        JobSpec spec = spec("--job", "wordcount", "--input", "in/../data", "--output", "out");
        assertThat(spec.inputs()).containsExactly(Path.of("data").toAbsolutePath().toString());
        assertThat(spec.output()).isEqualTo(Path.of("out").toAbsolutePath().toString());
    }

    @Test
    void jobWithJar_isRejected() {
        for (String[] extra : List.of(new String[] {"--jar", "app.jar"}, new String[] {"--mapper", "com.acme.M"},
                new String[] {"--partitioner", "com.acme.P"})) {
            List<String> args = new ArrayList<>(List.of("--job", "wordcount", "--input", "/in", "--output", "/out"));
            args.addAll(List.of(extra));
            JobOptions options = parse(args.toArray(String[]::new));
            assertThatThrownBy(options::toRequest)
                    .as("--job with %s", extra[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--job takes no --jar, --mapper, --reducer, --combiner or --partitioner");
        }
    }

    @Test
    void jarWithoutMapperOrReducer_isRejected() {
        JobOptions noMapper = parse("--jar", "app.jar", "--reducer", "com.acme.Sum", "--input", "/in",
                "--output", "/o");
        assertThatThrownBy(noMapper::toRequest)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--jar needs --mapper CLASS and --reducer CLASS (a map-only job, --reducers 0, needs only --mapper)");
        JobOptions noReducer = parse("--jar", "app.jar", "--mapper", "com.acme.M", "--input", "/in", "--output", "/o");
        assertThatThrownBy(noReducer::toRequest)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--jar needs --mapper CLASS and --reducer CLASS (a map-only job, --reducers 0, needs only --mapper)");
    }

    @Test
    void zeroReducers_isAMapOnlyJob_whoseJarNeedsOnlyAMapper() {
        JobSpec user = spec("--jar", "app.jar", "--mapper", "com.acme.M", "--reducers", "0", "--input", "/in",
                "--output", "/o");
        assertThat(user.isMapOnly()).isTrue();
        assertThat(user.reducer()).isNull();
        assertThat(spec("--job", "sortgen", "--reducers", "0", "--input", "/in", "--output", "/o").reducers())
                .isZero();
    }

    @Test
    void neitherJobNorJar_isRejected() {
        JobOptions options = parse("--mapper", "com.acme.M", "--input", "/in", "--output", "/out");
        assertThatThrownBy(options::toRequest)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("give --job NAME, or --jar FILE with --mapper and --reducer");
    }

    @Test
    void badInputFormat_isRejectedNamingIt() {
        JobOptions options = parse("--job", "wordcount", "--input", "/in", "--output", "/out", "--input-format", "csv");
        assertThatThrownBy(options::toRequest)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--input-format must be text or whole-file, not 'csv'");
    }

    @Test
    void invalidNumbers_areRejectedByTheRequest() {
        JobOptions options = parse("--job", "wordcount", "--input", "/in", "--output", "/out", "--reducers", "-1");
        assertThatThrownBy(options::toRequest)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--reducers must not be negative, not -1");
    }

    @Test
    void badSizeOrDuration_isAParseErrorNamingTheValue() {
        assertThatThrownBy(() -> parse("--job", "wordcount", "--input", "/in", "--output", "/out",
                "--split-size", "1x"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'1x' is not a size");
        assertThatThrownBy(() -> parse("--job", "wordcount", "--input", "/in", "--output", "/out",
                "--timeout", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void inputAndOutput_areRequired() {
        assertThatThrownBy(() -> parse("--job", "wordcount", "--output", "/out"))
                .isInstanceOf(CommandLine.MissingParameterException.class)
                .hasMessageContaining("--input");
        assertThatThrownBy(() -> parse("--job", "wordcount", "--input", "/in"))
                .isInstanceOf(CommandLine.MissingParameterException.class)
                .hasMessageContaining("--output");
    }

    /** Parses {@code quern submit --zk ... ARGS} and returns its job options. */
    private static JobOptions parse(String... args) {
        SubmitCommand submit = new SubmitCommand();
        List<String> all = new ArrayList<>(List.of("--zk", "localhost:2181"));
        all.addAll(List.of(args));
        new CommandLine(submit).parseArgs(all.toArray(String[]::new));
        return submit.job;
    }

    private static JobSpec spec(String... args) {
        return JobRequests.spec(parse(args).toRequest());
    }
}
