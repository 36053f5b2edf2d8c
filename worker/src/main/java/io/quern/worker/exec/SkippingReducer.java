package io.quern.worker.exec;

import io.quern.api.Emitter;
import io.quern.api.Reducer;
import io.quern.common.job.RecordRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Wraps the user's reducer: numbers key groups in merge order, skips the groups the coordinator
 * listed, and names the group whose call threw. Confined to the task thread.
 */
final class SkippingReducer<K, V, KO, VO> implements Reducer<K, V, KO, VO> {
    private final Reducer<K, V, KO, VO> user;
    private final Set<Long> skip = new HashSet<>();
    private long group;
    long skipped;

    SkippingReducer(Reducer<K, V, KO, VO> user, List<RecordRef> skip) {
        this.user = user;
        for (RecordRef r : skip) {
            this.skip.add(r.ordinal());
        }
    }

    @Override
    public void reduce(K key, Iterable<V> values, Emitter<KO, VO> out) {
        long ordinal = group++;
        if (!skip.isEmpty() && skip.contains(ordinal)) {
            skipped++;
            return;
        }
        try {
            user.reduce(key, values, out);
        } catch (AttemptKilledException e) {
            throw e;
        } catch (Exception | LinkageError | StackOverflowError e) {
            throw new GroupFailedException(RecordRef.reduceGroup(ordinal, String.valueOf(key)), e);
        }
    }

    /** The user's reduce call threw on one key group. */
    static final class GroupFailedException extends RuntimeException {
        final transient RecordRef group;

        GroupFailedException(RecordRef group, Throwable cause) {
            super(cause);
            this.group = group;
        }
    }
}
