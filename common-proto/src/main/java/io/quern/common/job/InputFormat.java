package io.quern.common.job;

/** How input files become records. */
public enum InputFormat {
    /** One record per line: key = byte offset (Long), value = the line (String). */
    TEXT,
    /** One record per file: key = the path (String), value = the content (String). */
    WHOLE_FILE
}
