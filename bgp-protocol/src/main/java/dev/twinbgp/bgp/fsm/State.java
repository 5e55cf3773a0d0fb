package dev.twinbgp.bgp.fsm;

/** The six session states of RFC 4271 section 8.2.2. */
public enum State {
    IDLE("Idle"),
    CONNECT("Connect"),
    ACTIVE("Active"),
    OPEN_SENT("OpenSent"),
    OPEN_CONFIRM("OpenConfirm"),
    ESTABLISHED("Established");

    private final String rfcName;

    State(String rfcName) {
        this.rfcName = rfcName;
    }

    /** True in the states that own a TCP connection (OpenSent, OpenConfirm, Established). */
    public boolean hasConnection() {
        return this == OPEN_SENT || this == OPEN_CONFIRM || this == ESTABLISHED;
    }

    /** The RFC's spelling, e.g. {@code OpenSent}. */
    @Override
    public String toString() {
        return rfcName;
    }
}
