package io.quern.worker.exec;

import java.io.IOException;
import java.nio.file.Path;

/** Provides a job's jar on local disk, fetching it once if needed. */
public interface JarSource {
    Path jar(String sha256) throws IOException;
}
