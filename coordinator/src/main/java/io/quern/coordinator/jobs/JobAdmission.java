package io.quern.coordinator.jobs;

import io.quern.common.classload.JobClassLoaders;
import io.quern.common.job.EngineConf;
import io.quern.common.job.JobSpec;
import io.quern.common.job.FileRange;
import io.quern.common.security.ShuffleSecret;
import io.quern.common.storage.JobStorage;
import io.quern.common.storage.JobStorages;
import io.quern.common.storage.UnsupportedStorageException;
import io.quern.coordinator.split.InputSplitter;
import io.quern.coordinator.split.KeySampler;
import io.quern.coordinator.split.InvalidInputException;
import io.quern.examples.BuiltinJob;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Validates a submitted job before any task runs: built-in name and its settings, or the jar and
 * its classes; inputs that exist and an output that does not, all inside the allowed roots (when
 * the coordinator has any, every file an input directory lists too). Then computes the map splits, and for a
 * globally ordered built-in job ({@code sort}) the split points of its total order, from a sample of
 * the input.
 * Thread-safe (stateless but for the jar store).
 */
public final class JobAdmission {
    /** Keys sampled from the input of a globally ordered job (the split points come from them). */
    static final int SAMPLED_KEYS = 100_000;

    private final JarStore jars;
    /** For the jobs' shuffle secrets; SecureRandom is thread-safe. */
    private final SecureRandom random = new SecureRandom();

    private final PathRoots roots;

    public JobAdmission(JarStore jars) {
        this(jars, PathRoots.NONE);
    }

    public JobAdmission(JarStore jars, PathRoots roots) {
        this.jars = jars;
        this.roots = roots;
    }

    public AdmittedJob admit(JobSpec spec) throws InvalidJobException {
        try {
            EngineConf.validate(spec.conf());
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage());
        }
        spec = located(spec);
        JobStorage storage = storage(spec.output());
        roots.check(storage, "output", spec.output());
        for (String in : spec.inputs()) {
            roots.check(storage(in), "input", in);
        }
        JobSpec resolved = resolveClasses(spec);
        if (storage.exists(spec.output())) {
            throw new InvalidJobException("output already exists: " + spec.output());
        }
        boolean pack = EngineConf.packSplits(spec.conf())
                && !(spec.isBuiltin() && BuiltinJob.byName(spec.builtin()).map(BuiltinJob::mapPerFile).orElse(false));
        // Every input is in the output's store: the only one there is.
        InputSplitter splitter = new InputSplitter(spec.splitSize(), spec.inputFormat(),
                pack ? InputSplitter.MAX_RANGES_PER_SPLIT : 1, storage);
        try {
            List<List<FileRange>> splits = splitter.splitInputs(spec.inputs());
            checkListedFiles(storage, splits);
            Optional<Function<String, String>> sampledKey = spec.isBuiltin()
                    ? BuiltinJob.byName(spec.builtin()).flatMap(BuiltinJob::sampledKey) : Optional.empty();
            if (sampledKey.isPresent() && !spec.isMapOnly()) {
                List<byte[]> sample = new KeySampler(SAMPLED_KEYS, sampledKey.get(), storage).sample(splits);
                resolved = resolved.withSplitPoints(KeySampler.splitPoints(sample, spec.reducers()));
            }
            return new AdmittedJob(resolved, splits, splitter.totalBytes(), ShuffleSecret.random(random));
        } catch (InvalidInputException e) {
            throw new InvalidJobException(e.getMessage());
        } catch (IOException e) {
            throw new InvalidJobException("cannot read input: " + e.getMessage());
        }
    }

    /**
     * The job with a path in a URI's form ({@code file:/data/in}) made the store's plain path, so that
     * tasks, the committer and listings see the one form; plain paths stay exactly as submitted.
     */
    private static JobSpec located(JobSpec spec) throws InvalidJobException {
        List<String> inputs = new ArrayList<>();
        for (String in : spec.inputs()) {
            inputs.add(located(in));
        }
        return spec.withPaths(inputs, located(spec.output()));
    }

    private static String located(String path) throws InvalidJobException {
        return JobStorages.scheme(path).isPresent() ? storage(path).normalize(path) : path;
    }

    private static JobStorage storage(String path) throws InvalidJobException {
        try {
            return JobStorages.forPath(path);
        } catch (UnsupportedStorageException e) {
            throw new InvalidJobException(e.getMessage());
        }
    }

    /** A file in an input directory may be a link out of the roots, so each one listed is checked as well. */
    private void checkListedFiles(JobStorage storage, List<List<FileRange>> splits) throws InvalidJobException {
        if (!roots.restricts()) {
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (List<FileRange> split : splits) {
            for (FileRange r : split) {
                if (seen.add(r.path())) {
                    roots.check(storage, "input file", r.path());
                }
            }
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
            if (job.reducer().isEmpty() && !spec.isMapOnly()) {
                throw new InvalidJobException(job.jobName() + " is a map-only job: run it with --reducers 0");
            }
            // A map-only run of a job with reduces writes what its mapper emits, so it needs neither
            // reducer nor combiner.
            JobSpec resolved = spec.isMapOnly()
                    ? spec.withClasses(job.mapper().getName(), null, null, null)
                    : spec.withClasses(job.mapper().getName(), job.reducer().get().getName(),
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
