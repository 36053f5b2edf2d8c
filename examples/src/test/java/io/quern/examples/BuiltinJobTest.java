package io.quern.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.api.Mapper;
import io.quern.api.Reducer;
import io.quern.examples.grep.GrepMapper;
import io.quern.examples.index.InvertedIndexMapper;
import io.quern.examples.index.InvertedIndexReducer;
import io.quern.examples.logstats.LogStatsMapper;
import io.quern.examples.sort.IdentityReducer;
import io.quern.examples.sort.SortGenMapper;
import io.quern.examples.sort.SortMapper;
import io.quern.examples.wordcount.SumReducer;
import io.quern.examples.wordcount.WordCountMapper;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuiltinJobTest {

    @Test
    void byName_findsEachJob() {
        assertThat(BuiltinJob.byName("wordcount")).contains(BuiltinJob.WORDCOUNT);
        assertThat(BuiltinJob.byName("grep")).contains(BuiltinJob.GREP);
        assertThat(BuiltinJob.byName("logstats")).contains(BuiltinJob.LOGSTATS);
        assertThat(BuiltinJob.byName("WordCount")).isEmpty();
        assertThat(BuiltinJob.byName("sort")).contains(BuiltinJob.SORT);
        assertThat(BuiltinJob.byName("sortgen")).contains(BuiltinJob.SORTGEN);
        assertThat(BuiltinJob.byName("terasort")).isEmpty();
        assertThat(BuiltinJob.names()).isEqualTo("wordcount, grep, logstats, sort, sortgen");
    }

    @Test
    void classes_areTheExpectedOnes() {
        assertThat(BuiltinJob.WORDCOUNT.mapper()).isEqualTo(WordCountMapper.class);
        assertThat(BuiltinJob.GREP.mapper()).isEqualTo(GrepMapper.class);
        assertThat(BuiltinJob.LOGSTATS.mapper()).isEqualTo(LogStatsMapper.class);
        for (BuiltinJob job : List.of(BuiltinJob.WORDCOUNT, BuiltinJob.GREP, BuiltinJob.LOGSTATS)) {
            assertThat(job.reducer()).as(job.jobName()).isEqualTo(Optional.of(SumReducer.class));
            assertThat(job.combiner()).as(job.jobName()).isEqualTo(Optional.of(SumReducer.class));
            assertThat(job.sampledKey()).as(job.jobName()).isEmpty();
        }
        assertThat(BuiltinJob.SORT.reducer()).isEqualTo(Optional.of(IdentityReducer.class));
        assertThat(BuiltinJob.SORT.combiner()).isEmpty();
        assertThat(BuiltinJob.SORT.sampledKey()).isPresent();
        assertThat(BuiltinJob.SORTGEN.reducer()).as("map-only").isEmpty();
    }

    @Test
    void everyJobClass_declaresConcreteSupportedTypesAndAPublicNoArgConstructor() throws Exception {
        List<Class<?>> classes = List.of(WordCountMapper.class, GrepMapper.class, LogStatsMapper.class,
                SumReducer.class, InvertedIndexMapper.class, InvertedIndexReducer.class, SortMapper.class,
                SortGenMapper.class, IdentityReducer.class);
        List<Type> supported = List.of(String.class, Long.class, Integer.class, Double.class, byte[].class);
        for (Class<?> c : classes) {
            assertThat(Modifier.isPublic(c.getModifiers())).as("%s is public", c).isTrue();
            assertThat(c.getConstructor().newInstance()).as("%s()", c).isNotNull();
            ParameterizedType api = Arrays.stream(c.getGenericInterfaces())
                    .map(ParameterizedType.class::cast)
                    .filter(t -> t.getRawType() == Mapper.class || t.getRawType() == Reducer.class)
                    .findFirst().orElseThrow();
            assertThat(api.getActualTypeArguments()).as("type arguments of %s", c)
                    .hasSize(4).allSatisfy(t -> assertThat(supported).contains(t));
        }
    }

    @Test
    void validate_grepNeedsAValidPattern() {
        assertThatThrownBy(() -> BuiltinJob.GREP.validate(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grep needs --conf pattern=REGEX");
        assertThatThrownBy(() -> BuiltinJob.GREP.validate(Map.of("pattern", "(")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grep: invalid pattern '(': Unclosed group near index 1");
        assertThatCode(() -> BuiltinJob.GREP.validate(Map.of("pattern", "a+b"))).doesNotThrowAnyException();
    }

    @Test
    void validate_otherJobsAcceptAnyConf() {
        assertThatCode(() -> BuiltinJob.WORDCOUNT.validate(Map.of())).doesNotThrowAnyException();
        assertThatCode(() -> BuiltinJob.LOGSTATS.validate(Map.of("pattern", "("))).doesNotThrowAnyException();
    }
}
