package io.quern.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A class data sharing archive for the worker JVMs of {@code quern local}: the classes a worker
 * loads (gRPC, Netty, ZooKeeper, the engine), parsed and verified once and mapped into every later
 * worker, which then starts and runs its first tasks sooner. The first run without an archive has
 * its first worker write one when it exits ({@code -XX:ArchiveClassesAtExit}); later runs map it
 * ({@code -XX:SharedArchiveFile}). The archive is named for the JVM and for every jar of the class
 * path with its size and modification time, so a rebuild or another JDK makes a new one, and the
 * old ones are deleted. A JVM that cannot use an archive runs without it, so the archive can make
 * a worker faster but never break it. {@code QUERN_CLASS_ARCHIVE=off}, or worker options that set
 * class sharing themselves, turn it off.
 *
 * <p>Confined to the thread that starts and stops the cluster.
 */
final class WorkerClassArchive {
    static final String ENV = "QUERN_CLASS_ARCHIVE";
    private static final String PREFIX = "worker-";
    private static final String SUFFIX = ".jsa";
    /** The JVM reports classes it cannot archive on stdout; the worker's stdout is its log. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final Path archive;
    private Path writing; // the archive the first worker writes at exit, or null

    private WorkerClassArchive(Path archive) {
        this.archive = archive;
    }

    /**
     * The archive for workers started with this JVM's class path and {@code workerOptions}, or none
     * when turned off.
     */
    static Optional<WorkerClassArchive> locate(Map<String, String> env, List<String> workerOptions) {
        if ("off".equalsIgnoreCase(env.getOrDefault(ENV, "").trim())) {
            return Optional.empty();
        }
        for (String o : workerOptions) {
            if (o.startsWith("-Xshare") || o.contains("SharedArchiveFile") || o.contains("ArchiveClassesAtExit")) {
                return Optional.empty(); // the user's own choice
            }
        }
        Path dir;
        if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isBlank()) {
            dir = Path.of(env.get("XDG_CACHE_HOME"), "quern");
        } else {
            dir = Path.of(System.getProperty("user.home"), ".cache", "quern");
        }
        return Optional.of(new WorkerClassArchive(dir.resolve(PREFIX + key(workerOptions) + SUFFIX)));
    }

    /** The JVM options for worker {@code index} (0 writes the archive when there is none yet). */
    List<String> optionsFor(int index) {
        if (Files.isReadable(archive)) {
            return concat("-XX:SharedArchiveFile=" + archive);
        }
        if (index != 0 || writing != null) {
            return List.of();
        }
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            return List.of(); // no cache directory: run without an archive
        }
        writing = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        return concat("-XX:ArchiveClassesAtExit=" + writing);
    }

    /**
     * Called once the first worker has exited: keeps the archive it wrote if it exited as told to
     * (0, or 143 for SIGTERM), and removes archives of other builds.
     */
    void firstWorkerExited(int exitCode) {
        if (writing == null) {
            return;
        }
        Path written = writing;
        writing = null;
        try {
            if ((exitCode == 0 || exitCode == 143) && Files.size(written) > 0) {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                deleteOthers();
            } else {
                Files.deleteIfExists(written);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(written);
            } catch (IOException ignored) {
                // a stray temporary file in the cache does no harm
            }
        }
    }

    Path path() {
        return archive;
    }

    private void deleteOthers() throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(archive.getParent(), PREFIX + "*" + SUFFIX)) {
            for (Path p : old) {
                if (!p.equals(archive)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static List<String> concat(String option) {
        return List.of(option, QUIET.get(0), QUIET.get(1));
    }

    /** A digest of the JVM, the worker options and every class path entry's name, size and time. */
    private static String key(List<String> workerOptions) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder what = new StringBuilder();
            what.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version"))
                    .append('\n').append(String.join(" ", workerOptions)).append('\n');
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                what.append(entry);
                if (Files.exists(p)) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    what.append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().toMillis());
                }
                what.append('\n');
            }
            return HexFormat.of().formatHex(sha.digest(what.toString().getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
