package io.quern.coordinator.rpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quern.coordinator.JobControl;
import io.quern.coordinator.jobs.InvalidJobException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place that maps domain errors to gRPC status codes. */
final class StatusMapping {
    private StatusMapping() {}

    static StatusRuntimeException toStatus(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof StatusRuntimeException s) {
            return s;
        }
        if (t instanceof InvalidJobException || t instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(t.getMessage()).asRuntimeException();
        }
        if (t instanceof JobControl.UnknownJobException) {
            return Status.NOT_FOUND.withDescription(t.getMessage()).asRuntimeException();
        }
        return Status.INTERNAL.withDescription(String.valueOf(t)).withCause(t).asRuntimeException();
    }
}
