package io.quern.api;

/**
 * Combines all values of one key into output pairs. Also the interface of a combiner, which is a
 * {@code Reducer<K, V, K, V>} run on map output before the shuffle; a combiner may run zero, one or
 * several times on any subset of a key's values, so it must be associative and commutative and must
 * not change keys.
 *
 * <p>Keys arrive in ascending order (strings by Unicode code point, numbers numerically, byte arrays
 * by unsigned bytes). The values iterable can be traversed once; its values are valid only until the
 * next call to {@code reduce}. As with {@link Mapper}, the type arguments must be concrete and the
 * class needs a public no-argument constructor.
 *
 * @param <K> input key type (the map output key type)
 * @param <VI> input value type (the map output value type)
 * @param <KO> output key type
 * @param <VO> output value type
 */
public interface Reducer<K, VI, KO, VO> {

    /** Called once before the first key. */
    default void setup(TaskContext context) throws Exception {}

    /** Called once per distinct key with all of its values. */
    void reduce(K key, Iterable<VI> values, Emitter<KO, VO> out) throws Exception;

    /** Called once after the last key; may emit more pairs. */
    default void cleanup(Emitter<KO, VO> out) throws Exception {}
}
