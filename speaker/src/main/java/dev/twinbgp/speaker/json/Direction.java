package dev.twinbgp.speaker.json;

/** Whether a message was received from the peer or sent to it; ExaBGP's {@code "direction"} key. */
public enum Direction {
    IN("in"), OUT("out");

    private final String text;

    Direction(String text) {
        this.text = text;
    }

    /** {@code in} or {@code out}, as ExaBGP writes it. */
    public String text() {
        return text;
    }
}
