/**
 * The seam between domain records and the generated protobuf types: converters and channel
 * construction. Code outside the rpc packages speaks only domain types.
 */
package io.quern.common.rpc;
