package io.quern.worker.codec;

/**
 * Serializes one key or value type. Every codec's encoding sorts, compared as unsigned bytes
 * (shorter first when one is a prefix of the other), in the contract's order for that type:
 * strings by Unicode code point, numbers numerically. Sorting and merging therefore never decode.
 * Implementations are stateless and thread-safe.
 */
public interface Codec<T> {

    /** Appends the encoding of {@code value} (never null) to {@code out}. */
    void encode(T value, BytesOut out);

    /** Decodes the {@code len} bytes at {@code buf[off]}. */
    T decode(byte[] buf, int off, int len);

    /** The Java type this codec serves. */
    Class<T> type();
}
