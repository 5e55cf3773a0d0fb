package dev.twinbgp.speaker.mapping;

import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.session.PeerSettings;
import java.util.List;

/**
 * Turns a parsed configuration (ExaBGP syntax) into what the speaker runs: one
 * {@link PeerSettings} per neighbor, with its routes as wire attributes and ExaBGP's defaults
 * applied. STUB: being written; the signature is fixed.
 */
public final class PeerSettingsMapper {
    private PeerSettingsMapper() {
    }

    /**
     * @throws dev.twinbgp.speaker.config.ConfigException for settings that parse but cannot run
     *         (with the file position of the offending neighbor or route where known)
     */
    public static List<PeerSettings> map(Configuration configuration) {
        throw new UnsupportedOperationException("PeerSettingsMapper is not written yet");
    }
}
