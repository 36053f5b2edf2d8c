package io.quern.common.job;

/**
 * A contiguous byte range of one input file. {@code whole} ranges are read as one unit from the
 * start (gzip files, whole-file input); their {@code start} is 0 and {@code length} the file's size.
 */
public record FileRange(String path, long start, long length, boolean whole) {
    public FileRange {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        if (start < 0 || length < 0) {
            throw new IllegalArgumentException("bad range " + start + "+" + length + " of " + path);
        }
        if (whole && start != 0) {
            throw new IllegalArgumentException("whole range must start at 0: " + path);
        }
    }

    public long end() {
        return start + length;
    }
}
