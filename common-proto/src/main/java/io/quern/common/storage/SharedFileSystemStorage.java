package io.quern.common.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Job input and output on a file system that every node mounts at the same path (NFS, say): paths
 * are the file system's own, and {@code file:} URIs name them too. A commit is a rename within one
 * file system, so it is atomic. Reads are {@link FileChannel}s, so readers keep their positional,
 * copy-free reads. Stateless and thread-safe.
 */
public final class SharedFileSystemStorage implements JobStorage {
    public static final SharedFileSystemStorage INSTANCE = new SharedFileSystemStorage();

    private SharedFileSystemStorage() {}

    @Override
    public String normalize(String path) {
        return local(path).toAbsolutePath().normalize().toString();
    }

    @Override
    public String realPath(String path) throws IOException {
        Path p = local(path).toAbsolutePath();
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
            throw new UnresolvablePathException(UnresolvablePathException.Reason.DANGLING_LINK, existing.toString());
        }
        for (Path name : rest) {
            if (name.toString().equals("..")) {
                throw new UnresolvablePathException(UnresolvablePathException.Reason.CLIMBS_OUT, path);
            }
            real = real.resolve(name);
        }
        return real.normalize().toString(); // only '.' is left to drop
    }

    @Override
    public List<StoredFile> listInput(String input) throws IOException {
        Path in = local(input);
        if (Files.isRegularFile(in)) {
            checkReadable(in);
            return List.of(new StoredFile(input, size(in)));
        }
        if (!Files.isDirectory(in)) {
            if (!Files.exists(in)) {
                throw new InputException(InputException.Reason.NOT_FOUND, input);
            }
            throw new InputException(InputException.Reason.NOT_FILE_OR_DIRECTORY, input);
        }
        checkReadable(in);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(in)) {
            for (Path entry : entries) {
                // Subdirectories are not read: the contract's directory input is not recursive.
                if (JobStorage.isVisible(entry.getFileName().toString()) && Files.isRegularFile(entry)) {
                    checkReadable(entry);
                    files.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputException(InputException.Reason.NOT_FOUND, input);
        } catch (AccessDeniedException e) {
            throw new InputException(InputException.Reason.NOT_READABLE, input);
        }
        List<StoredFile> out = new ArrayList<>(files.size());
        for (Path f : files) {
            out.add(new StoredFile(f.toString(), size(f)));
        }
        return out;
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(local(path), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public List<String> children(String dir) throws IOException {
        Path d = local(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        }
        return names;
    }

    /** A {@link FileChannel}: readers use its positional reads, straight into their buffers. */
    @Override
    public FileChannel open(String path) throws IOException {
        return FileChannel.open(local(path), StandardOpenOption.READ);
    }

    @Override
    public OutputFile create(String path) throws IOException {
        FileChannel channel = FileChannel.open(local(path), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        OutputStream stream = Channels.newOutputStream(channel);
        return new OutputFile() {
            @Override
            public OutputStream stream() {
                return stream;
            }

            @Override
            public void force() throws IOException {
                channel.force(true);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    public void createDirectory(String dir) throws IOException {
        Path d = local(dir);
        Path parent = d.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.createDirectory(d);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        try {
            Files.move(local(from), local(to), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(local(from), local(to));
        }
    }

    /** An empty file beside it, {@code .NAME.tmp}, renamed into place. */
    @Override
    public void writeMarker(String path) throws IOException {
        Path p = local(path);
        Path tmp = p.resolveSibling("." + p.getFileName() + ".tmp");
        Files.write(tmp, new byte[0]);
        Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(String path) throws IOException {
        Path root = local(path);
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public String name(String path) {
        Path name = local(path).getFileName();
        return name == null ? "" : name.toString();
    }

    @Override
    public String resolve(String dir, String child) {
        return local(dir).resolve(child).toString();
    }

    /** A path of this file system, from a plain path or a {@code file:} URI. */
    private static Path local(String path) {
        if (JobStorages.scheme(path).isPresent()) {
            try {
                return JobStorages.localPath(path);
            } catch (UnsupportedStorageException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return Path.of(path);
    }

    private static void checkReadable(Path path) throws InputException {
        if (!Files.isReadable(path)) {
            throw new InputException(InputException.Reason.NOT_READABLE, path.toString());
        }
    }

    private static long size(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InputException(InputException.Reason.NOT_FOUND, file.toString()); // deleted while listing
        }
    }
}
