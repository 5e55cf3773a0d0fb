package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twinbgp.speaker.config.ReactorKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReactorChoiceTest {
    private static final List<String> BOTH = List.of("netty", "selector");

    @Test
    void theFlagWinsOverEverything() throws Exception {
        assertEquals(new ReactorChoice("selector", "--reactor"),
                ReactorChoice.choose("selector", "netty", Optional.of(ReactorKind.NETTY), BOTH));
    }

    @Test
    void theEnvironmentWinsOverTheConfiguration() throws Exception {
        assertEquals(new ReactorChoice("selector", "TWINBGP_REACTOR"),
                ReactorChoice.choose(null, "selector", Optional.of(ReactorKind.NETTY), BOTH));
    }

    @Test
    void theConfigurationWinsOverTheDefault() throws Exception {
        assertEquals(new ReactorChoice("selector", "the configuration"),
                ReactorChoice.choose(null, null, Optional.of(ReactorKind.SELECTOR), BOTH));
    }

    @Test
    void theVirtualReactorFromTheConfiguration() throws Exception {
        assertEquals(new ReactorChoice("virtual", "the configuration"),
                ReactorChoice.choose(null, null, Optional.of(ReactorKind.VIRTUAL), List.of("netty", "selector", "virtual")));
    }

    @Test
    void nettyByDefault() throws Exception {
        assertEquals(new ReactorChoice("netty", "the default"), ReactorChoice.choose(null, null, Optional.empty(), BOTH));
    }

    @Test
    void blankValuesCountAsUnset() throws Exception {
        assertEquals(new ReactorChoice("selector", "the configuration"),
                ReactorChoice.choose(" ", "", Optional.of(ReactorKind.SELECTOR), BOTH));
    }

    @Test
    void namesAreCaseInsensitive() throws Exception {
        assertEquals("selector", ReactorChoice.choose(" Selector ", null, Optional.empty(), BOTH).name());
        assertEquals("netty", ReactorChoice.choose(null, "NETTY", Optional.empty(), BOTH).name());
    }

    @Test
    void anUnknownNameIsOneLineListingTheAvailableOnes() {
        ReactorChoice.UnknownReactor e = assertThrows(ReactorChoice.UnknownReactor.class,
                () -> ReactorChoice.choose(null, "epoll", Optional.empty(), BOTH));
        assertEquals("unknown reactor 'epoll' (from TWINBGP_REACTOR); available: netty, selector", e.getMessage());
    }

    @Test
    void theDefaultMustBeAvailableToo() {
        assertThrows(ReactorChoice.UnknownReactor.class,
                () -> ReactorChoice.choose(null, null, Optional.empty(), List.of("selector")));
    }
}
