package io.quern.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedFileSystemStorageTest {
    private final SharedFileSystemStorage fs = SharedFileSystemStorage.INSTANCE;
    @TempDir Path tmp;

    @Test
    void listInput_ofADirectory_isItsVisibleRegularFilesWithSizes() throws IOException {
        Files.writeString(tmp.resolve("b.txt"), "bb");
        Files.writeString(tmp.resolve("a.txt"), "a");
        Files.writeString(tmp.resolve("_SUCCESS"), "");
        Files.writeString(tmp.resolve(".a.crc"), "x");
        Files.createDirectory(tmp.resolve("sub"));

        assertThat(fs.listInput(tmp.toString())).containsExactlyInAnyOrder(
                new StoredFile(tmp.resolve("a.txt").toString(), 1), new StoredFile(tmp.resolve("b.txt").toString(), 2));
    }

    @Test
    void listInput_ofAFile_isTheFileAsNamed() throws IOException {
        Path f = Files.writeString(tmp.resolve("one.txt"), "12345");
        assertThat(fs.listInput(f.toString())).containsExactly(new StoredFile(f.toString(), 5));
    }

    @Test
    void listInput_ofNothing_saysNotFound() {
        String missing = tmp.resolve("missing").toString();
        assertThatThrownBy(() -> fs.listInput(missing)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.reason()).isEqualTo(InputException.Reason.NOT_FOUND);
            assertThat(e.path()).isEqualTo(missing);
        });
    }

    @Test
    void open_isAFileChannelReadableAtAnyOffset() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "0123456789");
        try (FileChannel ch = fs.open(f.toString())) {
            ByteBuffer b = ByteBuffer.allocate(3);
            ch.read(b, 4);
            assertThat(new String(b.array(), StandardCharsets.US_ASCII)).isEqualTo("456");
        }
    }

    @Test
    void create_writesAndTruncates() throws IOException {
        Path f = Files.writeString(tmp.resolve("out"), "a much longer old content");
        try (OutputFile out = fs.create(f.toString())) {
            out.stream().write("new".getBytes(StandardCharsets.US_ASCII));
            out.force();
        }
        assertThat(f).hasContent("new");
    }

    @Test
    void createDirectory_makesParentsAndRefusesAnExistingOne() throws IOException {
        String dir = tmp.resolve("a/b/out").toString();
        fs.createDirectory(dir);
        assertThat(Path.of(dir)).isDirectory();
        assertThatThrownBy(() -> fs.createDirectory(dir)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void renameAndMarker_leaveOnlyTheirTargets() throws IOException {
        Path from = Files.writeString(tmp.resolve("from"), "x");
        fs.rename(from.toString(), tmp.resolve("to").toString());
        fs.writeMarker(tmp.resolve("_SUCCESS").toString());
        try (Stream<Path> entries = Files.list(tmp)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("to", "_SUCCESS");
        }
        assertThat(tmp.resolve("_SUCCESS")).isEmptyFile();
    }

    @Test
    void delete_removesAFileOrATreeAndIgnoresNothing() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("t/u"));
        Files.writeString(tree.resolve("f"), "x");
        Path file = Files.writeString(tmp.resolve("g"), "y");
        fs.delete(tmp.resolve("t").toString());
        fs.delete(file.toString());
        fs.delete(tmp.resolve("never").toString());
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void existsAndChildren_seeDanglingLinksAndMissingDirectories() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nothing"));
        assertThat(fs.exists(link.toString())).isTrue();
        assertThat(fs.exists(tmp.resolve("nothing").toString())).isFalse();
        assertThat(fs.children(tmp.toString())).containsExactly("dangling");
        assertThat(fs.children(tmp.resolve("nothing").toString())).isEmpty();
    }

    @Test
    void normalizeAndRealPath_takeFileUrisAndFollowLinksOnlyInRealPath() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), real);

        assertThat(fs.normalize(tmp.toUri() + "alias/./x/../y")).isEqualTo(alias.resolve("y").toString());
        assertThat(fs.realPath(alias.resolve("new").toString()))
                .isEqualTo(real.toRealPath().resolve("new").toString());
        assertThatThrownBy(() -> fs.realPath(alias.resolve("new/../../x").toString()))
                .isInstanceOfSatisfying(UnresolvablePathException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnresolvablePathException.Reason.CLIMBS_OUT));
    }

    @Test
    void forPath_picksTheSharedFileSystemForPathsAndFileUrisAndRefusesOtherSchemes() throws IOException {
        assertThat(JobStorages.forPath("/data/in")).isSameAs(fs);
        assertThat(JobStorages.forPath("file:///data/in")).isSameAs(fs);
        assertThat(JobStorages.forPath("relative:name")).as("a file name with a colon is no URI").isSameAs(fs);
        assertThatThrownBy(() -> JobStorages.forPath("s3://bucket/key"))
                .isInstanceOf(UnsupportedStorageException.class)
                .hasMessage("no storage for scheme 's3': inputs and outputs are paths on a file system mounted on"
                        + " every node");
        assertThatThrownBy(() -> JobStorages.forPath("file://host/data")).isInstanceOf(UnsupportedStorageException.class);
    }
}
