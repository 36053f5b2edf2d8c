package io.quern.coordinator.jobs;

import io.quern.common.storage.JobStorage;
import io.quern.common.storage.SharedFileSystemStorage;
import io.quern.common.storage.UnresolvablePathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The directories that jobs may read and write ({@code --allowed-roots}); none means no restriction.
 * A path is inside when what it names on disk is: its longest existing prefix is resolved by the file
 * system ({@link Path#toRealPath}, so symbolic links and {@code ..} are followed exactly as a task
 * would follow them), and the rest, which does not exist yet, may hold no {@code ..}. A lexical
 * check alone would let {@code /root/link/../x} or a link to elsewhere escape. The job's store
 * resolves the path ({@link JobStorage#realPath}); the roots are directories of the shared file
 * system. Immutable and thread-safe.
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

    /** {@link #check(JobStorage, String, String)} on the shared file system. */
    public void check(String what, String path) throws InvalidJobException {
        check(SharedFileSystemStorage.INSTANCE, what, path);
    }

    /**
     * Checks that {@code path}, in {@code storage}, lies inside one of the roots (or is one).
     *
     * @param what how the message names the path ({@code input}, {@code output})
     * @throws InvalidJobException one line naming the path and the roots
     */
    public void check(JobStorage storage, String what, String path) throws InvalidJobException {
        if (!restricts()) {
            return;
        }
        Path resolved = resolve(storage, what, path);
        for (Path root : roots) {
            if (resolved.startsWith(root)) {
                return;
            }
        }
        String where = resolved.toString().equals(path) ? "" : " (it resolves to " + resolved + ")";
        throw new InvalidJobException(what + " " + path + " is outside the allowed roots " + describe() + where);
    }

    /** What {@code path} names on disk: the real path of its longest existing prefix, then the rest. */
    private Path resolve(JobStorage storage, String what, String path) throws InvalidJobException {
        try {
            return Path.of(storage.realPath(path));
        } catch (UnresolvablePathException e) {
            throw new InvalidJobException(switch (e.reason()) {
                case DANGLING_LINK -> what + " " + path + " cannot be resolved inside the allowed roots "
                        + describe() + ": " + e.at() + " is a link to nothing";
                case CLIMBS_OUT -> what + " " + path + " climbs out with '..' past what exists; the allowed"
                        + " roots are " + describe();
            });
        } catch (IOException e) {
            throw new InvalidJobException(what + " " + path + " cannot be resolved: " + e.getMessage());
        }
    }

    private String describe() {
        return roots.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return restricts() ? describe() : "(no restriction)";
    }
}
