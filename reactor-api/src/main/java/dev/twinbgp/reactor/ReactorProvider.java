package dev.twinbgp.reactor;

/** Service interface ({@link java.util.ServiceLoader}) through which a reactor is found by name. */
public interface ReactorProvider {
    /** Short lower-case name, e.g. {@code selector} or {@code netty}. */
    String name();

    /** Starts a new reactor (its loop threads run until {@link Reactor#close()}). */
    Reactor create(ReactorConfig config);
}
