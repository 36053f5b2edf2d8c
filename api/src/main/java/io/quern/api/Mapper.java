package io.quern.api;

/**
 * Turns input records into intermediate key/value pairs.
 *
 * <p>The engine reads the four type arguments from the declaration of the implementing class
 * ({@code class Tokens implements Mapper<Long, String, String, Long>}) to choose how keys and values
 * are serialized, so they must be concrete types the engine supports: {@code String}, {@code Long},
 * {@code Integer}, {@code Double} or {@code byte[]}.
 *
 * <p>One instance serves one task attempt, from one thread: {@code setup}, then {@code map} once per
 * input record, then {@code cleanup}. The class needs a public no-argument constructor.
 *
 * @param <KI> input key type (for text input: the byte offset of the line, {@code Long})
 * @param <VI> input value type (for text input: the line, {@code String})
 * @param <KO> output key type
 * @param <VO> output value type
 */
public interface Mapper<KI, VI, KO, VO> {

    /** Called once before the first record; the context stays valid for the whole attempt. */
    default void setup(TaskContext context) throws Exception {}

    /** Called once per input record; emit any number of pairs. */
    void map(KI key, VI value, Emitter<KO, VO> out) throws Exception;

    /** Called once after the last record; may emit more pairs. */
    default void cleanup(Emitter<KO, VO> out) throws Exception {}
}
