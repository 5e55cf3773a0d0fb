package dev.twinbgp.speaker.healthcheck;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link HealthChecker} checks and reports (ExaBGP's option names).
 *
 * @param command      {@code --cmd}: run by {@code sh -c}, healthy when it exits 0; empty: always healthy
 * @param interval     {@code --interval} (5 s) between checks; zero: stop after the first announcement
 * @param fastInterval {@code --fast-interval} (1 s) while RISING or FALLING
 * @param timeout      {@code --timeout} (5 s): a check still running then is killed and counts as failed
 * @param rise         {@code --rise} (3), {@code fall}: {@code --fall} (3)
 * @param disableFile  {@code --disable}: while this file exists the service is DISABLED
 * @param noAck        {@code --no-ack}: do not read the speaker's {@code done} after each command
 * @param execute      {@code --execute}: run on every state change; {@code onState}: {@code --up-execute} etc.
 */
public record CheckSettings(Optional<String> command, Duration interval, Duration fastInterval, Duration timeout,
                            int rise, int fall, Optional<Path> disableFile, boolean noAck, List<String> execute,
                            Map<HealthState, List<String>> onState) {
    public CheckSettings {
        execute = List.copyOf(execute);
        onState = Map.copyOf(onState);
    }
}
