package io.quern.coordinator.schedule;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** A state machine's table of legal moves: for each target state, the states it may be entered from. */
final class Transitions<S extends Enum<S>> {
    private final Map<S, Set<S>> predecessors;

    private Transitions(Map<S, Set<S>> predecessors) {
        this.predecessors = predecessors;
    }

    static <S extends Enum<S>> Builder<S> of(Class<S> type) {
        return new Builder<>(type);
    }

    /**
     * Throws {@link IllegalStateException} when {@code from -> to} is not a legal move. {@code what}
     * names the owner in the message only, so it is not turned into text on every legal move.
     */
    S check(Object what, S from, S to) {
        Set<S> legal = predecessors.get(to);
        if (legal == null || !legal.contains(from)) {
            throw new IllegalStateException(what + ": illegal transition " + from + " -> " + to);
        }
        return to;
    }

    static final class Builder<S extends Enum<S>> {
        private final Class<S> type;
        private final Map<S, Set<S>> map;

        private Builder(Class<S> type) {
            this.type = type;
            this.map = new EnumMap<>(type);
        }

        @SafeVarargs
        final Builder<S> to(S target, S... from) {
            Set<S> set = EnumSet.noneOf(type);
            set.addAll(java.util.List.of(from));
            map.put(target, set);
            return this;
        }

        Transitions<S> build() {
            return new Transitions<>(map);
        }
    }
}
