package io.leadhandoff.common.event;

/** A message that can never be processed: unparseable or failing validation. Goes to the dead-letter address. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
