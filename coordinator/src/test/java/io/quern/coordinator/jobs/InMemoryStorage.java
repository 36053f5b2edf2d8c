package io.quern.coordinator.jobs;

import io.quern.common.storage.InputException;
import io.quern.common.storage.JobStorage;
import io.quern.common.storage.OutputFile;
import io.quern.common.storage.StoredFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A second store, held in memory, so that tests show the engine uses nothing of a file system but
 * {@link JobStorage}. Paths are {@code /}-separated names; there are no links. Thread-safe.
 */
public final class InMemoryStorage implements JobStorage {
    private final TreeMap<String, byte[]> files = new TreeMap<>();
    private final Set<String> dirs = new TreeSet<>(Set.of("/"));
    private final List<String> renames = new ArrayList<>();

    /** Puts a file, and its parent directories. */
    public synchronized InMemoryStorage file(String path, String content) {
        mkdirs(parent(path));
        files.put(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    public synchronized boolean isFile(String path) {
        return files.containsKey(path);
    }

    public synchronized boolean isDirectory(String path) {
        return dirs.contains(path);
    }

    /** Every path held, files and directories, in name order. */
    public synchronized List<String> paths() {
        TreeSet<String> all = new TreeSet<>(dirs);
        all.addAll(files.keySet());
        return List.copyOf(all);
    }

    /** Each rename so far, as {@code from -> to}. */
    public synchronized List<String> renames() {
        return List.copyOf(renames);
    }

    @Override
    public String normalize(String path) {
        Deque<String> names = new ArrayDeque<>();
        for (String n : path.split("/")) {
            if (n.isEmpty() || n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                names.pollLast();
            } else {
                names.addLast(n);
            }
        }
        return "/" + String.join("/", names);
    }

    @Override
    public String realPath(String path) {
        return normalize(path);
    }

    @Override
    public synchronized List<StoredFile> listInput(String input) throws IOException {
        if (files.containsKey(input)) {
            return List.of(new StoredFile(input, files.get(input).length));
        }
        if (!dirs.contains(input)) {
            throw new InputException(InputException.Reason.NOT_FOUND, input);
        }
        List<StoredFile> out = new ArrayList<>();
        for (String child : children(input)) {
            String path = resolve(input, child);
            if (JobStorage.isVisible(child) && files.containsKey(path)) {
                out.add(new StoredFile(path, files.get(path).length));
            }
        }
        return out;
    }

    @Override
    public synchronized boolean exists(String path) {
        return files.containsKey(path) || dirs.contains(path);
    }

    @Override
    public synchronized List<String> children(String dir) {
        List<String> names = new ArrayList<>();
        for (String p : paths()) {
            if (!p.equals(dir) && parent(p).equals(dir)) {
                names.add(name(p));
            }
        }
        return names;
    }

    @Override
    public synchronized SeekableByteChannel open(String path) throws IOException {
        byte[] content = files.get(path);
        if (content == null) {
            throw new NoSuchFileException(path);
        }
        return new ReadChannel(content);
    }

    @Override
    public synchronized OutputFile create(String path) throws IOException {
        if (!dirs.contains(parent(path))) {
            throw new NoSuchFileException(parent(path));
        }
        files.put(path, new byte[0]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return new OutputFile() {
            @Override
            public OutputStream stream() {
                return bytes;
            }

            @Override
            public void force() {
                store();
            }

            @Override
            public void close() {
                store();
            }

            private void store() {
                synchronized (InMemoryStorage.this) {
                    files.put(path, bytes.toByteArray());
                }
            }
        };
    }

    @Override
    public synchronized void createDirectory(String dir) throws IOException {
        if (exists(dir)) {
            throw new FileAlreadyExistsException(dir);
        }
        mkdirs(dir);
    }

    @Override
    public synchronized void rename(String from, String to) throws IOException {
        byte[] content = files.remove(from);
        if (content == null) {
            throw new NoSuchFileException(from);
        }
        files.put(to, content);
        renames.add(from + " -> " + to);
    }

    @Override
    public synchronized void writeMarker(String path) {
        files.put(path, new byte[0]);
    }

    @Override
    public synchronized void delete(String path) {
        files.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
        dirs.removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
    }

    @Override
    public String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public String resolve(String dir, String child) {
        return dir.endsWith("/") ? dir + child : dir + "/" + child;
    }

    private void mkdirs(String dir) {
        for (String d = dir; !d.isEmpty() && dirs.add(d); d = parent(d)) {
            // each missing ancestor added
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Reads a snapshot of a file's bytes. */
    private static final class ReadChannel implements SeekableByteChannel {
        private final byte[] content;
        private long position;
        private boolean open = true;

        ReadChannel(byte[] content) {
            this.content = content;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= content.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), content.length - position);
            dst.put(content, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return content.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
