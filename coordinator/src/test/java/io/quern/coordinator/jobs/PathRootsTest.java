package io.quern.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathRootsTest {
    @TempDir Path dir;
    private Path root;
    private Path outside;
    private PathRoots roots;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(dir.resolve("shared"));
        outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(root.resolve("books"));
        roots = PathRoots.parse(root.toString());
    }

    @Test
    void unset_restrictsNothing() {
        assertThat(PathRoots.parse("").restricts()).isFalse();
        assertThatCode(() -> PathRoots.NONE.check("output", "/etc/x")).doesNotThrowAnyException();
    }

    @Test
    void existingPathsUnderARoot_theRootItself_andNewOutputsUnderIt_areInside() {
        assertThatCode(() -> {
            roots.check("input", root.resolve("books").toString());
            roots.check("input", root.toString());
            roots.check("output", root.resolve("out/wc/deeper").toString());
            roots.check("output", root.resolve("books/./new").toString());
        }).doesNotThrowAnyException();
    }

    @Test
    void dotDotOutOfTheRoot_isRefused_namingThePathAndTheRoots() throws IOException {
        String escape = root.resolve("books/../../elsewhere/out").toString();

        assertThatThrownBy(() -> roots.check("output", escape)).isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("output " + escape).hasMessageContaining("outside the allowed roots " + root)
                .hasMessageContaining("resolves to " + outside.toRealPath().resolve("out"))
                .hasMessageNotContaining("\n");
    }

    @Test
    void dotDotWithinTheRoot_isInside() {
        assertThatCode(() -> roots.check("output", root.resolve("books/../out").toString()))
                .doesNotThrowAnyException();
    }

    @Test
    void dotDotInTheNewPartOfAPath_isRefused() {
        assertThatThrownBy(() -> roots.check("output", root.resolve("new/../../elsewhere").toString()))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("'..'");
    }

    @Test
    void symlinkInsideTheRootPointingOutside_isRefused_asInputAndAsTheParentOfAnOutput() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("link"), outside);

        assertThatThrownBy(() -> roots.check("input", link.toString())).isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("resolves to " + outside.toRealPath());
        assertThatThrownBy(() -> roots.check("output", link.resolve("out").toString()))
                .isInstanceOf(InvalidJobException.class);
    }

    @Test
    void dotDotAfterASymlink_followsTheLinkAsTheFileSystemDoes() throws IOException {
        // /shared/deep -> /elsewhere/sub, so /shared/deep/../x is /elsewhere/x, whatever the text says.
        Path sub = Files.createDirectories(outside.resolve("sub"));
        Path link = Files.createSymbolicLink(root.resolve("deep"), sub);

        assertThatThrownBy(() -> roots.check("output", link + "/../x")).isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("resolves to " + outside.toRealPath().resolve("x"));
    }

    @Test
    void danglingSymlink_isRefused() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("not-yet"));

        assertThatThrownBy(() -> roots.check("output", link.resolve("out").toString()))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("link to nothing");
    }

    @Test
    void symlinkedRoot_isResolvedOnce_soPathsThroughEitherNameAreInside() throws IOException {
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), root);
        PathRoots viaAlias = PathRoots.parse(alias.toString());

        assertThatCode(() -> {
            viaAlias.check("output", root.resolve("out").toString());
            roots.check("output", alias.resolve("out").toString());
        }).doesNotThrowAnyException();
    }

    @Test
    void rootsMustBeExistingAbsoluteDirectories() {
        assertThatThrownBy(() -> PathRoots.parse("relative/dir")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--allowed-roots").hasMessageContaining("absolute");
        assertThatThrownBy(() -> PathRoots.parse(dir.resolve("missing").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a directory");
    }
}
