/**
 * Reading the key and value types a user's Mapper, Reducer or combiner declares, shared by the
 * coordinator (validation at submit) and the workers (choosing codecs).
 */
package io.quern.common.types;
