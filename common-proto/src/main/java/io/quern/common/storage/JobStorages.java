package io.quern.common.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the store of a job's path by its scheme: a plain path, or a {@code file:} URI, is on the
 * shared file system; no other scheme has a store yet. Stateless.
 */
public final class JobStorages {
    /**
     * A URI scheme (RFC 3986) of two characters or more, then {@code :/}. Two at least, so that a
     * drive letter is no scheme; {@code :/}, so that a relative file named {@code a:b} stays a file.
     * {@code s3://b/k} made a {@link Path} reads {@code s3:/b/k}, which still matches.
     */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):/");

    private JobStorages() {}

    /** The scheme of {@code path} ({@code s3}, {@code file}), if it is a URI. */
    public static Optional<String> scheme(String path) {
        Matcher m = SCHEME.matcher(path);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The store that holds {@code path}.
     *
     * @throws UnsupportedStorageException one line naming the scheme, or the {@code file:} URI that is no local path
     */
    public static JobStorage forPath(String path) throws UnsupportedStorageException {
        Optional<String> scheme = scheme(path);
        if (scheme.isEmpty()) {
            return SharedFileSystemStorage.INSTANCE;
        }
        if (!scheme.get().equalsIgnoreCase("file")) {
            throw new UnsupportedStorageException("no storage for scheme '" + scheme.get()
                    + "': inputs and outputs are paths on a file system mounted on every node");
        }
        localPath(path); // refuses a file: URI with a host, say
        return SharedFileSystemStorage.INSTANCE;
    }

    /** The local path of a {@code file:} URI. */
    static Path localPath(String fileUri) throws UnsupportedStorageException {
        try {
            return Path.of(URI.create(fileUri));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new UnsupportedStorageException("not a path on this file system: " + fileUri + " (" + e.getMessage()
                    + ")");
        }
    }
}
