/**
 * The Quern user API: what a job author implements ({@link io.quern.api.Mapper},
 * {@link io.quern.api.Reducer}, optionally a combiner and a {@link io.quern.api.Partitioner}) and
 * what the engine hands to it ({@link io.quern.api.Emitter}, {@link io.quern.api.TaskContext},
 * {@link io.quern.api.Counter}). It depends on nothing but the JDK; a job jar built against it runs
 * on any Quern cluster of the same major version.
 */
package io.quern.api;
