package io.quern.coordinator.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The directories that jobs may read and write ({@code --allowed-roots}); none means no restriction.
 * A path is inside when what it names on disk is: its longest existing prefix is resolved by the file
 * system ({@link Path#toRealPath}, so symbolic links and {@code ..} are followed exactly as a task
 * would follow them), and the rest, which does not exist yet, may hold no {@code ..}. A lexical
 * check alone would let {@code /root/link/../x} or a link to elsewhere escape. Immutable and
 * thread-safe.
 */
public final class PathRoots {
    public static final PathRoots NONE = new PathRoots(List.of());

    private final List<Path> roots;

    private PathRoots(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /**
     * Roots from a comma-separated list of existing directories, resolved to their real paths; empty
     * or blank is {@link #NONE}.
     *
     * @throws IllegalArgumentException naming the option and the directory (exit 2 at the CLI)
     */
    public static PathRoots parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Path> roots = new ArrayList<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Path p = Path.of(part.trim());
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("--allowed-roots must list absolute directories, not " + part.trim());
            }
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException("--allowed-roots: " + p + " is not a directory");
            }
            try {
                roots.add(p.toRealPath());
            } catch (IOException e) {
                throw new IllegalArgumentException("--allowed-roots: cannot resolve " + p + ": " + e.getMessage());
            }
        }
        return new PathRoots(roots);
    }

    public boolean restricts() {
        return !roots.isEmpty();
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * Checks that {@code path} lies inside one of the roots (or is one).
     *
     * @param what how the message names the path ({@code input}, {@code output})
     * @throws InvalidJobException one line naming the path and the roots
     */
    public void check(String what, String path) throws InvalidJobException {
        if (!restricts()) {
            return;
        }
        Path resolved = resolve(what, path);
        for (Path root : roots) {
            if (resolved.startsWith(root)) {
                return;
            }
        }
        String where = resolved.toString().equals(path) ? "" : " (it resolves to " + resolved + ")";
        throw new InvalidJobException(what + " " + path + " is outside the allowed roots " + describe() + where);
    }

    /** What {@code path} names on disk: the real path of its longest existing prefix, then the rest. */
    private Path resolve(String what, String path) throws InvalidJobException {
        Path p = Path.of(path).toAbsolutePath();
        Path existing = p;
        List<Path> rest = new ArrayList<>();
        // NOFOLLOW_LINKS: a dangling link exists, and fails to resolve below, rather than be taken as a new name.
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing == null ? p.getRoot() : existing.toRealPath();
        } catch (IOException e) {
            throw new InvalidJobException(what + " " + path + " cannot be resolved inside the allowed roots "
                    + describe() + ": " + existing + " is a link to nothing");
        }
        for (Path name : rest) {
            if (name.toString().equals("..")) {
                throw new InvalidJobException(what + " " + path + " climbs out with '..' past what exists; the allowed"
                        + " roots are " + describe());
            }
            real = real.resolve(name);
        }
        return real.normalize(); // only '.' is left to drop
    }

    private String describe() {
        return roots.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return restricts() ? describe() : "(no restriction)";
    }
}
