package dev.twinbgp.speaker.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Where the control socket lives by default, and the private directory that holds it. */
public final class ControlSocket {
    private ControlSocket() {
    }

    /** {@code $XDG_RUNTIME_DIR/twinbgp.sock}, else {@code /tmp/twinbgp-$UID/twinbgp.sock}. */
    public static Path defaultPath() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "twinbgp.sock");
        }
        return Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "twinbgp-" + uid(), "twinbgp.sock");
    }

    /**
     * True for the fallback {@code /tmp/twinbgp-$UID/twinbgp.sock}, whose directory this process creates
     * with mode 0700 (whether the path was given explicitly or not); false for a socket in the runtime
     * directory or anywhere else the user chose.
     */
    static boolean needsPrivateDirectory(Path socket) {
        Path fallback = Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "twinbgp-" + uid(), "twinbgp.sock");
        return socket.toAbsolutePath().normalize().equals(fallback.toAbsolutePath().normalize());
    }

    /** The user id of this process (the owner of /proc/self on Linux), else the user name. */
    static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return System.getProperty("user.name", "user");
        }
    }

    /**
     * Creates {@code dir} with mode 0700 if it is missing (so the socket inside is never reachable by others,
     * even in the moment between bind and chmod); an existing one must be ours and not group/other-writable.
     */
    static void privateDirectory(Path dir) throws IOException {
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(owner));
            Files.setPosixFilePermissions(dir, owner); // the umask may have narrowed it: make it exact
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        Object dirUid = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!String.valueOf(dirUid).equals(uid())) {
            throw new IOException(dir + " belongs to another user (uid " + dirUid + ")");
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(dir + " is writable by others (" + PosixFilePermissions.toString(mode) + ")");
        }
    }
}
