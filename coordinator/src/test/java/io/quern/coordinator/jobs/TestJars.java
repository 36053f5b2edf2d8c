package io.quern.coordinator.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Builds jar files in memory for tests. */
final class TestJars {
    private TestJars() {}

    /** A jar holding {@code entries} (name to content), in the given order, without a manifest. */
    static byte[] jar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A jar of every file under {@code root}, named by its relative path. */
    static byte[] jarOf(Path root) throws IOException {
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                entries.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return jar(entries);
    }

    /** Stores {@code content} through an upload, as the submit RPC does. */
    static String upload(JarStore store, byte[] content) throws IOException, InvalidJobException {
        try (JarStore.Upload upload = store.begin()) {
            upload.write(content);
            return upload.finish();
        }
    }
}
