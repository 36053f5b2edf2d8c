package io.quern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.examples.BuiltinJob;
import io.quern.examples.wordcount.SumReducer;
import io.quern.examples.wordcount.WordCountMapper;
import io.quern.worker.kernel.SumKernel;
import io.quern.worker.kernel.WordCountKernel;
import org.junit.jupiter.api.Test;

/** The worker's kernels name the built-in classes they stand for; renaming one must not go unnoticed. */
class BuiltinKernelsTest {
    @Test
    void sumKernel_namesTheSummingReducerOfTheBuiltinJobs() {
        assertThat(SumKernel.SUM_REDUCER).isEqualTo(SumReducer.class.getName());
        for (String name : new String[] {"wordcount", "grep", "logstats"}) {
            assertThat(BuiltinJob.byName(name).orElseThrow().reducer()).as(name).contains(SumReducer.class);
        }
    }

    @Test
    void wordCountKernel_standsForTheWordcountJobsMapperAndCombiner() {
        BuiltinJob wordcount = BuiltinJob.byName(WordCountKernel.JOB).orElseThrow();
        assertThat(WordCountKernel.MAPPER).isEqualTo(WordCountMapper.class.getName());
        assertThat(wordcount.mapper()).isEqualTo(WordCountMapper.class);
        assertThat(wordcount.combiner()).contains(SumReducer.class);
    }
}
