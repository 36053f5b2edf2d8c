package io.quern.examples.data;

/** The kinds of sample data {@link SampleData} can write. */
public enum DataKind {
    /** English-like text, see {@link TextCorpusGenerator}. */
    TEXT,
    /** Web server access logs, see {@link AccessLogGenerator}. */
    LOGS
}
