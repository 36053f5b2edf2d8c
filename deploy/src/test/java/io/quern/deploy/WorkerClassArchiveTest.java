package io.quern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerClassArchiveTest {
    @TempDir
    Path cache;

    @Test
    void withoutAnArchive_theFirstWorkerWritesOne_andLaterWorkersMapIt() throws IOException {
        WorkerClassArchive archive = locate(List.of("-Xmx512m"));
        List<String> first = archive.optionsFor(0);
        assertThat(first).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")).contains("-Xlog:cds=off");
        assertThat(archive.optionsFor(1)).as("only one worker writes").isEmpty();

        Path written = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(written, "archive");
        Path stale = Files.writeString(cache.resolve("quern").resolve("worker-0000000000000000.jsa"), "old");
        archive.firstWorkerExited(143);

        assertThat(archive.path()).hasContent("archive");
        assertThat(written).doesNotExist();
        assertThat(stale).as("archives of other builds are removed").doesNotExist();
        WorkerClassArchive next = locate(List.of("-Xmx512m"));
        assertThat(next.path()).isEqualTo(archive.path());
        assertThat(next.optionsFor(0)).contains("-XX:SharedArchiveFile=" + archive.path());
        assertThat(next.optionsFor(3)).contains("-XX:SharedArchiveFile=" + archive.path());
    }

    @Test
    void aWorkerThatDidNotExitAsTold_leavesNoArchive() throws IOException {
        WorkerClassArchive archive = locate(List.of());
        Path written = Path.of(archive.optionsFor(0).get(0).substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(written, "maybe half written");
        archive.firstWorkerExited(137);
        assertThat(written).doesNotExist();
        assertThat(archive.path()).doesNotExist();
    }

    @Test
    void otherWorkerOptions_makeAnotherArchive() {
        assertThat(locate(List.of("-Xmx512m")).path()).isNotEqualTo(locate(List.of("-Xmx1g")).path());
    }

    @Test
    void turnedOff_byTheEnvironmentOrByTheUsersOwnSharingOptions() {
        Map<String, String> off = Map.of("XDG_CACHE_HOME", cache.toString(), WorkerClassArchive.ENV, "off");
        assertThat(WorkerClassArchive.locate(off, List.of())).isEmpty();
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        assertThat(WorkerClassArchive.locate(env, List.of("-Xshare:off"))).isEmpty();
        assertThat(WorkerClassArchive.locate(env, List.of("-XX:SharedArchiveFile=/x.jsa"))).isEmpty();
    }

    private WorkerClassArchive locate(List<String> options) {
        return WorkerClassArchive.locate(Map.of("XDG_CACHE_HOME", cache.toString()), options).orElseThrow();
    }
}
