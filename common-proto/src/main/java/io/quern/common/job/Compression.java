package io.quern.common.job;

/**
 * How a job's intermediate data (map output spills, the map output file, what the shuffle moves) is
 * compressed: {@code --conf quern.intermediate.compress=none|lz4|zstd}. The id is stored in map
 * output indexes and sent with each shuffled segment, so it must never change for a value.
 */
public enum Compression {
    NONE("none", 0),
    LZ4("lz4", 1),
    ZSTD("zstd", 2);

    private final String confName;
    private final int id;

    Compression(String confName, int id) {
        this.confName = confName;
        this.id = id;
    }

    /** The value of the conf key that selects this codec. */
    public String confName() {
        return confName;
    }

    /** The codec's number in files and on the wire. */
    public int id() {
        return id;
    }

    /** @throws IllegalArgumentException if no codec has this id */
    public static Compression ofId(int id) {
        for (Compression c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression id " + id);
    }

    /** The codec named {@code name} (case and surrounding blanks ignored), or null. */
    static Compression ofConfName(String name) {
        String n = name.trim();
        for (Compression c : values()) {
            if (c.confName.equalsIgnoreCase(n)) {
                return c;
            }
        }
        return null;
    }
}
