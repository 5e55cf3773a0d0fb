package dev.twinbgp.cli;

import picocli.CommandLine;

/** {@code --version}: the jar's Implementation-Version, or "dev" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
    static String current() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"twinbgp " + current() + " (Java " + Runtime.version() + ")"};
    }
}
