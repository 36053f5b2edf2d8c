package io.quern.coordinator.jobs;

import io.quern.common.classload.JobClassLoaders;
import io.quern.common.job.EngineConf;
import io.quern.common.job.JobSpec;
import io.quern.coordinator.split.InputSplitter;
import io.quern.coordinator.split.InvalidInputException;
import io.quern.examples.BuiltinJob;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates a submitted job before any task runs: built-in name and its settings, or the jar and
 * its classes; inputs that exist; an output that does not. Then computes the map splits.
 * Thread-safe (stateless but for the jar store).
 */
public final class JobAdmission {
    private final JarStore jars;

    public JobAdmission(JarStore jars) {
        this.jars = jars;
    }

    public AdmittedJob admit(JobSpec spec) throws InvalidJobException {
        try {
            EngineConf.validate(spec.conf());
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage());
        }
        JobSpec resolved = resolveClasses(spec);
        Path output = Path.of(spec.output());
        if (Files.exists(output, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidJobException("output already exists: " + spec.output());
        }
        List<Path> inputs = new ArrayList<>();
        for (String in : spec.inputs()) {
            inputs.add(Path.of(in));
        }
        InputSplitter splitter = new InputSplitter(spec.splitSize(), spec.inputFormat(),
                EngineConf.packSplits(spec.conf()) ? InputSplitter.MAX_RANGES_PER_SPLIT : 1);
        try {
            return new AdmittedJob(resolved, splitter.split(inputs), splitter.totalBytes());
        } catch (InvalidInputException e) {
            throw new InvalidJobException(e.getMessage());
        } catch (IOException e) {
            throw new InvalidJobException("cannot read input: " + e.getMessage());
        }
    }

    private JobSpec resolveClasses(JobSpec spec) throws InvalidJobException {
        if (spec.isBuiltin()) {
            Optional<BuiltinJob> b = BuiltinJob.byName(spec.builtin());
            if (b.isEmpty()) {
                throw new InvalidJobException("unknown job '" + spec.builtin() + "' (built-in jobs: "
                        + BuiltinJob.names() + ")");
            }
            BuiltinJob job = b.get();
            try {
                job.validate(spec.conf());
            } catch (IllegalArgumentException e) {
                throw new InvalidJobException(ClassChecks.firstLine(e.getMessage()));
            }
            JobSpec resolved = spec.withClasses(job.mapper().getName(), job.reducer().getName(),
                    job.combiner().map(Class::getName).orElse(null), null);
            ClassChecks.check(getClass().getClassLoader(), resolved.mapper(), resolved.reducer(),
                    resolved.combiner(), null, spec.inputFormat());
            return resolved;
        }
        Path jar = jars.path(spec.jarSha256())
                .orElseThrow(() -> new InvalidJobException("jar " + spec.jarSha256() + " was not uploaded"));
        URLClassLoader loader = JobClassLoaders.forJar(jar, "validate");
        try {
            ClassChecks.check(loader, spec.mapper(), spec.reducer(), spec.combiner(), spec.partitioner(),
                    spec.inputFormat());
        } finally {
            JobClassLoaders.closeQuietly(loader);
        }
        return spec;
    }
}
