package dev.twinbgp.speaker.api;

/** A command that cannot be run; the message is the one line answered before {@code error}. */
final class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    CommandException(String message) {
        super(message, null, false, false);
    }
}
