package dev.twinbgp.speaker.healthcheck;

/**
 * The health state machine of ExaBGP's healthcheck: {@code rise} successful checks in a row make the service UP,
 * {@code fall} failed ones DOWN, the disable file DISABLED (until it goes, then INIT again). Pure: a check result
 * in, the state out; the caller runs the commands and announces.
 */
public final class HealthFsm {
    private final int rise;
    private final int fall;
    private HealthState state = HealthState.INIT;
    private int checks;

    public HealthFsm(int rise, int fall) {
        this.rise = rise;
        this.fall = fall;
    }

    public HealthState state() {
        return state;
    }

    /**
     * One check: {@code disabled} when the disable file exists, {@code successful} the check's result (a disabled
     * service is not checked). Returns the state after it.
     */
    public HealthState step(boolean disabled, boolean successful) {
        if (state != HealthState.DISABLED && disabled) {
            state = trigger(HealthState.DISABLED);
            return state;
        }
        switch (state) {
            case INIT -> {
                if (successful && rise <= 1) {
                    state = trigger(HealthState.UP);
                } else {
                    state = trigger(successful ? HealthState.RISING : HealthState.FALLING);
                    checks = 1;
                }
            }
            case DISABLED -> {
                if (!disabled) state = trigger(HealthState.INIT);
            }
            case RISING -> {
                if (successful) {
                    if (++checks >= rise) state = trigger(HealthState.UP);
                } else {
                    state = trigger(HealthState.FALLING);
                    checks = 1;
                }
            }
            case FALLING -> {
                if (!successful) {
                    if (++checks >= fall) state = trigger(HealthState.DOWN);
                } else {
                    state = trigger(HealthState.RISING);
                    checks = 1;
                }
            }
            case UP -> {
                if (!successful) {
                    state = trigger(HealthState.FALLING);
                    checks = 1;
                }
            }
            case DOWN -> {
                if (successful) {
                    state = trigger(HealthState.RISING);
                    checks = 1;
                }
            }
            default -> throw new IllegalStateException("no check after " + state);
        }
        return state;
    }

    /** RISING with rise <= 1 is UP at once, FALLING with fall <= 1 DOWN (as ExaBGP's trigger). */
    private HealthState trigger(HealthState target) {
        if (target == HealthState.RISING && rise <= 1) return HealthState.UP;
        if (target == HealthState.FALLING && fall <= 1) return HealthState.DOWN;
        return target;
    }
}
