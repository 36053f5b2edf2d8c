package io.quern.client.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final Path FILE = Path.of("/etc/quern/quern.conf");

    @TempDir
    Path dir;

    @Test
    void keyValueLines_withCommentsBlankLinesAndSpaces() throws Exception {
        ConfigFile f = ConfigFile.parse(FILE, List.of("# the cluster", "", "zk = zk1:2181,zk2:2181/quern",
                "  worker.slots=4  ", "\t# indented comment", "submit.conf-like = a=b"));

        assertThat(f.entries()).containsExactly(entry("zk", new ConfigFile.Entry("zk1:2181,zk2:2181/quern", 3)),
                entry("worker.slots", new ConfigFile.Entry("4", 4)),
                entry("submit.conf-like", new ConfigFile.Entry("a=b", 6)));
    }

    @Test
    void lineWithoutEquals_isAnErrorNamingFileAndLine() {
        assertThatThrownBy(() -> ConfigFile.parse(FILE, List.of("zk = a:1", "worker.slots 4")))
                .isInstanceOf(ConfigFile.Invalid.class)
                .hasMessage("/etc/quern/quern.conf line 2: expected 'key = value', not 'worker.slots 4'");
    }

    @Test
    void keyWithSpaces_isAnError() {
        assertThatThrownBy(() -> ConfigFile.parse(FILE, List.of("worker slots = 4")))
                .hasMessageContaining("line 1: expected 'key = value'");
    }

    @Test
    void emptyValue_isAnError() {
        assertThatThrownBy(() -> ConfigFile.parse(FILE, List.of("worker.advertise =")))
                .hasMessage("/etc/quern/quern.conf line 1: worker.advertise has no value");
    }

    @Test
    void keySetTwice_isAnErrorNamingBothLines() {
        assertThatThrownBy(() -> ConfigFile.parse(FILE, List.of("zk = a:1", "# again", "zk = b:1")))
                .hasMessage("/etc/quern/quern.conf line 3: zk is already set on line 1");
    }

    @Test
    void missingOrUnreadableFile_isAnErrorNamingIt() throws Exception {
        assertThatThrownBy(() -> ConfigFile.read(dir.resolve("none.conf")))
                .hasMessage("config file " + dir.resolve("none.conf") + " does not exist");
        assertThatThrownBy(() -> ConfigFile.read(dir)).hasMessageStartingWith("cannot read config file " + dir);
        Path binary = Files.write(dir.resolve("binary.conf"), new byte[] {'z', 'k', '=', (byte) 0xff});
        assertThatThrownBy(() -> ConfigFile.read(binary)).hasMessageContaining("is not UTF-8 text");
    }
}
