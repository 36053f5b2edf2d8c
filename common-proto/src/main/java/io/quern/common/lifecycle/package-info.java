/** The start-once, close-idempotently lifecycle shared by every long-lived component. */
package io.quern.common.lifecycle;
