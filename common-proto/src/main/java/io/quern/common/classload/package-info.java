/** Isolation of user code: one class loader per job jar, seeing only the JDK and the user API. */
package io.quern.common.classload;
