package io.quern.common.storage;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;

/**
 * A store of job input and output, addressed by path strings in the store's own form (see
 * {@link #normalize}). Only what the engine needs: list an input, read a file at any offset, write
 * an attempt's file, commit it by rename, publish a marker, delete. Implementations are thread-safe.
 */
public interface JobStorage {
    /** The store's form of a user's path: absolute, with {@code .} and {@code ..} dropped by name, links kept. */
    String normalize(String path);

    /**
     * What {@code path} names once links are followed, as a task would follow them, for checking it
     * against allowed roots. The part of the path that does not exist yet is taken by name.
     *
     * @throws UnresolvablePathException when a link leads nowhere, or {@code ..} climbs past what exists
     */
    String realPath(String path) throws IOException;

    /**
     * The files an input names: the file itself, or a directory's readable regular files whose names
     * do not start with {@code _} or {@code .} (not recursive; see {@link #isVisible}), in no
     * particular order.
     *
     * @throws InputException when the input is missing, unreadable or neither file nor directory
     */
    List<StoredFile> listInput(String input) throws IOException;

    /** Whether anything is at {@code path}; a link that leads nowhere counts. */
    boolean exists(String path);

    /** The names of a directory's entries; empty when it does not exist. */
    List<String> children(String dir) throws IOException;

    /** Opens a file for reading, positioned at 0. */
    SeekableByteChannel open(String path) throws IOException;

    /** Creates (or truncates) a file for writing, such as an attempt's output. */
    OutputFile create(String path) throws IOException;

    /**
     * Creates a directory, and its missing parents.
     *
     * @throws FileAlreadyExistsException when it already exists: so only one caller can claim it
     */
    void createDirectory(String dir) throws IOException;

    /** Moves a file; atomically where the store can, so that {@code to} appears whole or not at all. */
    void rename(String from, String to) throws IOException;

    /** Writes an empty file (a marker such as {@code _SUCCESS}) that appears whole or not at all. */
    void writeMarker(String path) throws IOException;

    /** Deletes a file, or a directory with everything below it; nothing when there is none. */
    void delete(String path) throws IOException;

    /** The last name of a path. */
    String name(String path);

    /** {@code child} inside directory {@code dir}. */
    String resolve(String dir, String child);

    /** Names starting with {@code _} or {@code .} are markers and scratch ({@code _SUCCESS}, {@code .crc}), never input. */
    static boolean isVisible(String name) {
        return !name.startsWith("_") && !name.startsWith(".");
    }
}
