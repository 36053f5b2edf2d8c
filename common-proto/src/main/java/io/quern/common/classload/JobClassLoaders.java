package io.quern.common.classload;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Class loaders for user jobs. Each job's jar gets a loader of its own whose parent exposes only
 * the JDK and {@code io.quern.api}: a job never sees the engine's libraries (so it can bring its
 * own versions of them) nor another job's classes.
 */
public final class JobClassLoaders {
    private JobClassLoaders() {}

    private static final ClassLoader API_ONLY = new ApiOnlyLoader(JobClassLoaders.class.getClassLoader());

    /** A new loader for one job's jar; close it when the job is over. */
    public static URLClassLoader forJar(Path jar, String name) {
        try {
            return new URLClassLoader(name, new URL[] {jar.toUri().toURL()}, API_ONLY);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad jar path " + jar, e);
        }
    }

    /** Closes a loader, ignoring failures (it only releases the jar file handle). */
    public static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing to do: the loader is dropped either way
        }
    }

    /** Delegates {@code io.quern.api} to the engine's loader and everything else to the platform (JDK) loader. */
    private static final class ApiOnlyLoader extends ClassLoader {
        private final ClassLoader engine;

        ApiOnlyLoader(ClassLoader engine) {
            super("quern-api", ClassLoader.getPlatformClassLoader());
            this.engine = engine;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.quern.api.")) {
                return engine.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            if (name.startsWith("io/quern/api/")) {
                return engine.getResource(name);
            }
            return super.getResource(name);
        }
    }
}
