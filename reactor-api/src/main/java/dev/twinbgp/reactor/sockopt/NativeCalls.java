package dev.twinbgp.reactor.sockopt;

import java.io.IOException;

/**
 * The two libc calls {@link LinuxSockets} needs. The implementation ({@code FfmCalls}, the JDK's foreign function
 * API) is compiled for Java 22, where that API is final, and loaded by name: on Java 21 it is absent and
 * {@link LinuxSockets#unavailable} says so.
 */
interface NativeCalls {
    /** setsockopt(2); the IOException carries strerror(errno). */
    void set(int fd, int level, int name, byte[] value) throws IOException;

    /** getsockopt(2) of an int option. */
    int getInt(int fd, int level, int name) throws IOException;
}
