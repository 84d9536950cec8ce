package io.schemapilot.agent.model;

/** Thrown inside a model call when its thread is interrupted or its request cancelled; reported as CANCELLED. */
final class ModelCallCancelledException extends RuntimeException {
    ModelCallCancelledException() {
        super("model call cancelled", null, false, false);
    }
}
