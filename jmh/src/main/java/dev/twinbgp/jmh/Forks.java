package dev.twinbgp.jmh;

/**
 * What every benchmark's forked JVM is given. JMH starts each fork with {@code -cp}, so the benchmark jar's manifest
 * ({@code Enable-Native-Access: ALL-UNNAMED}) does not reach it: without the flag the reactors' socket options
 * (reactor-api's {@code sockopt}, the JDK's foreign function API) make the fork print the JVM's restricted-method
 * warnings into the benchmark output, and users must never see JVM warnings.
 */
public final class Forks {
    /** For {@code @Fork(jvmArgsAppend = ...)}. */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private Forks() {
    }
}
