package io.quern.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarStoreTest {
    @TempDir Path tmp;
    private Path dir;
    private JarStore store;

    @BeforeEach
    void setUp() throws IOException {
        dir = tmp.resolve("jars");
        store = new JarStore(dir);
    }

    @Test
    void upload_ofARealJar_isStoredUnderItsSha256() throws Exception {
        byte[] jar = sampleJar("one");

        String sha = TestJars.upload(store, jar);

        assertThat(sha).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar)));
        assertThat(store.path(sha)).as("stored jar").hasValue(dir.resolve(sha + ".jar"));
        assertThat(Files.readAllBytes(dir.resolve(sha + ".jar"))).isEqualTo(jar);
        try (InputStream in = store.open(sha)) {
            assertThat(in.readAllBytes()).isEqualTo(jar);
        }
    }

    @Test
    void upload_inSeveralChunks_hashesTheWholeContent() throws Exception {
        byte[] jar = sampleJar("chunks");
        String sha;
        try (JarStore.Upload upload = store.begin()) {
            int half = jar.length / 2;
            upload.write(Arrays.copyOfRange(jar, 0, half));
            upload.write(Arrays.copyOfRange(jar, half, jar.length));
            assertThat(upload.size()).isEqualTo(jar.length);
            sha = upload.finish();
        }
        assertThat(sha).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar)));
    }

    @Test
    void identicalContent_isStoredOnce() throws Exception {
        byte[] jar = sampleJar("same");
        String first = TestJars.upload(store, jar);
        String second = TestJars.upload(store, jar.clone());
        String other = TestJars.upload(store, sampleJar("different"));

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(files()).as("files in the store").containsExactlyInAnyOrder(first + ".jar", other + ".jar");
    }

    @Test
    void nonZipUpload_isNotAJarFile_andLeavesNothingBehind() throws Exception {
        byte[] text = "this is not a zip archive\n".repeat(10).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestJars.upload(store, text))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("not a jar file")
                .hasMessageNotContaining("\n");
        assertThat(files()).as("files in the store").isEmpty();
    }

    @Test
    void zeroByteUpload_isNotAJarFile() {
        assertThatThrownBy(() -> TestJars.upload(store, new byte[0]))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("not a jar file");
        assertThat(files()).isEmpty();
    }

    @Test
    void jarWithoutEntries_isRejectedAsEmpty() throws Exception {
        byte[] empty = TestJars.jar(Map.of());
        assertThatThrownBy(() -> TestJars.upload(store, empty))
                .isInstanceOf(InvalidJobException.class)
                .hasMessage("the jar is empty");
        assertThat(files()).isEmpty();
    }

    @Test
    void path_acceptsOnlyLowerCaseHexSha256Names() throws Exception {
        String sha = TestJars.upload(store, sampleJar("x"));
        Files.writeString(dir.resolve("evil.jar"), "not a stored jar");
        Files.writeString(tmp.resolve("outside.jar"), "not a stored jar");

        assertThat(store.path(sha)).isPresent();
        for (String bad : List.of("", "evil", "../outside", sha.toUpperCase(), sha.substring(1), sha + "0",
                sha.substring(0, 63) + "g", "../" + sha.substring(3), sha + ".jar")) {
            assertThat(store.path(bad)).as("path(\"%s\")", bad).isEmpty();
        }
        assertThat(store.path(null)).isEmpty();
        assertThat(store.path("0".repeat(64))).as("well-formed but never uploaded").isEmpty();
    }

    @Test
    void open_unknownJar_failsNamingIt() {
        String missing = "0".repeat(64);
        assertThatThrownBy(() -> store.open(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing);
    }

    private static byte[] sampleJar(String marker) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("com/acme/readme.txt", ("jar " + marker).getBytes(StandardCharsets.UTF_8));
        entries.put("com/acme/data.bin", new byte[] {0, 1, 2, (byte) 0xFF});
        return TestJars.jar(entries);
    }

    private List<String> files() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
