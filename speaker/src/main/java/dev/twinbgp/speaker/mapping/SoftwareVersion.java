package dev.twinbgp.speaker.mapping;

/**
 * The text of our Software Version capability (draft-ietf-idr-software-version): {@code twinbgp/VERSION},
 * VERSION being the jar's Implementation-Version, or {@code dev} when run from classes. ExaBGP sends
 * {@code ExaBGP/VERSION} the same way.
 */
public final class SoftwareVersion {
    private SoftwareVersion() {
    }

    public static String text() {
        String version = SoftwareVersion.class.getPackage().getImplementationVersion();
        return "twinbgp/" + (version != null ? version : "dev");
    }
}
