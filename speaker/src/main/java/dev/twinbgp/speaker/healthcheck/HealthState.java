package dev.twinbgp.speaker.healthcheck;

/** The states of ExaBGP's healthcheck (application/healthcheck.py), whose names reach hooks as {@code STATE}. */
public enum HealthState {
    /** Before the first check. */
    INIT,
    /** The {@code --disable} file exists. */
    DISABLED,
    /** Checks succeed, fewer than {@code --rise} in a row yet. */
    RISING,
    /** Checks fail, fewer than {@code --fall} in a row yet. */
    FALLING,
    UP,
    DOWN,
    /** Stopping (SIGTERM, end of input): every route withdrawn. */
    EXIT,
    /** {@code --interval 0}: stop after the first announcement, leaving it in place. */
    END
}
