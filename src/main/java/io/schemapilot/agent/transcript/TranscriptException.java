package io.schemapilot.agent.transcript;

/**
 * A transcript that cannot be found or read: an unknown or ambiguous session id, a file that is not a
 * schemapilot transcript, a damaged line. The message says which, where, and what to do.
 */
public final class TranscriptException extends Exception {
    private static final long serialVersionUID = 1L;

    public TranscriptException(String message) {
        super(message);
    }

    public TranscriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
