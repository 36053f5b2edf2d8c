/**
 * Maps of built-in jobs run on the input's bytes rather than through the user API: the same output,
 * without a {@code String} and an encoded pair per record. Used only for jobs they are known to
 * match exactly (see {@code WordCountKernel.handles}); every other job takes the general path.
 */
package io.quern.worker.kernel;
