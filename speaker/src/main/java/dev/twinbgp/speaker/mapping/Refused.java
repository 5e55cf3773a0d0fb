package dev.twinbgp.speaker.mapping;

/**
 * A setting that parsed but cannot run; {@link PeerSettingsMapper} turns it into a one-line
 * {@link dev.twinbgp.speaker.config.ConfigException} naming the file and the neighbor.
 */
final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String what) {
        super(what, null, false, false);
    }
}
