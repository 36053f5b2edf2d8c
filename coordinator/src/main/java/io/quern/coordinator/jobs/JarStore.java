package io.quern.coordinator.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * Job jars, stored once by content (SHA-256) under the coordinator's data directory, so the same
 * jar submitted twice is kept once and a worker's cached copy is valid forever. Thread-safe:
 * uploads write a private temporary file and move it into place atomically.
 */
public final class JarStore {
    /** Largest jar accepted. */
    public static final long MAX_JAR_BYTES = 512L << 20;

    private final Path dir;

    public JarStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** An upload in progress; {@link #finish} verifies it is a jar and stores it. */
    public Upload begin() throws IOException {
        return new Upload(Files.createTempFile(dir, "upload-", ".tmp"));
    }

    public Optional<Path> path(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path p = dir.resolve(sha256 + ".jar");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    public final class Upload implements AutoCloseable {
        private final Path tmp;
        private final OutputStream out;
        private final MessageDigest digest;
        private long size;

        private Upload(Path tmp) throws IOException {
            this.tmp = tmp;
            this.out = Files.newOutputStream(tmp);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public void write(byte[] b) throws IOException, InvalidJobException {
            size += b.length;
            if (size > MAX_JAR_BYTES) {
                throw new InvalidJobException("jar larger than " + (MAX_JAR_BYTES >> 20) + " MiB");
            }
            digest.update(b);
            out.write(b);
        }

        /** @return the jar's SHA-256, hex */
        public String finish() throws IOException, InvalidJobException {
            out.close();
            try (JarFile jf = new JarFile(tmp.toFile())) {
                if (!jf.entries().hasMoreElements()) {
                    throw new InvalidJobException("the jar is empty");
                }
            } catch (ZipException e) {
                throw new InvalidJobException("not a jar file (" + e.getMessage() + ")");
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path target = dir.resolve(sha + ".jar");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return sha;
        }

        public long size() {
            return size;
        }

        @Override
        public void close() {
            try {
                out.close();
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless; the next start may remove it
            }
        }
    }

    /** Streams a stored jar. */
    public InputStream open(String sha256) throws IOException {
        Path p = path(sha256).orElseThrow(() -> new java.nio.file.NoSuchFileException("jar " + sha256));
        return Files.newInputStream(p);
    }
}
