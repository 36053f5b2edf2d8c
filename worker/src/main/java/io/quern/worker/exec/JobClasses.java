package io.quern.worker.exec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quern.common.classload.JobClassLoaders;
import io.quern.common.job.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.time.Duration;

/**
 * One class loader per job: the worker's own loader for built-in jobs, a loader over the job's jar
 * (fetched once) for user jobs. Loaders are cached while the job runs and closed when it is over.
 * Thread-safe.
 */
final class JobClasses implements AutoCloseable {
    private final JarSource jars;
    private final Cache<String, ClassLoader> loaders = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(6))
            .removalListener((String job, ClassLoader loader, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                if (loader instanceof URLClassLoader u) {
                    JobClassLoaders.closeQuietly(u);
                }
            })
            .build();

    JobClasses(JarSource jars) {
        this.jars = jars;
    }

    ClassLoader loader(String jobId, JobSpec spec) throws IOException {
        if (spec.jarSha256() == null) {
            return JobClasses.class.getClassLoader();
        }
        try {
            return loaders.get(jobId, id -> {
                try {
                    return JobClassLoaders.forJar(jars.jar(spec.jarSha256()), "job-" + id);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Instantiates a user class of the job. */
    static <T> T instantiate(ClassLoader loader, String className, Class<T> iface) throws TaskFailedException {
        try {
            Class<?> c = Class.forName(className, true, loader);
            return iface.cast(c.getConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            throw new TaskFailedException("cannot create " + className + ": " + cause, cause);
        }
    }

    void release(String jobId) {
        loaders.invalidate(jobId);
    }

    @Override
    public void close() {
        loaders.invalidateAll();
        loaders.cleanUp();
    }
}
