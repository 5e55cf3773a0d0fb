package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * ExaBGP's flat one-line FlowSpec command, the actions among the matches without {@code then}: ExaBGP 4.2.21 takes
 * {@code announce flow route source 10.0.0.2/32 destination 192.168.0.1/32 protocol tcp destination-port =80 redirect
 * 65500:12345} (checked against it: "flow added to neighbor ..."); twinbgp refused it ("found 'redirect'").
 */
class FlowFlatLineTest {
    @Test
    void actionsWithoutThenAreTheRuleWithThen() throws ConfigException {
        assertEquals(FlowParser.command("flow route source 10.0.0.2/32 destination 192.168.0.1/32 protocol tcp"
                        + " destination-port =80 then redirect 65500:12345"),
                FlowParser.command("flow route source 10.0.0.2/32 destination 192.168.0.1/32 protocol tcp"
                        + " destination-port =80 redirect 65500:12345"));
        assertEquals(FlowParser.command("flow route source 10.0.0.4/32 destination 192.168.0.1/32 then discard"),
                FlowParser.command("flow route source 10.0.0.4/32 destination 192.168.0.1/32 discard"));
        assertEquals(FlowParser.command("flow route destination 192.0.2.0/24 then rate-limit 9600 community [ 65001:666 ]"),
                FlowParser.command("flow route destination 192.0.2.0/24 rate-limit 9600 community [ 65001:666 ]"));
        assertEquals("[0x8006000000000000]",
                FlowParser.command("ipv4 flow destination-ipv4 192.0.2.4/32 discard").attributes().extendedCommunities().toString());
    }

    @Test
    void aWordThatIsNeitherStillSaysWhatWasExpected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> FlowParser.command("flow route source 10.0.0.2/32 redirekt 65500:12345"));
        assertTrue(e.getMessage().contains("found 'redirekt'") && e.getMessage().contains("an action"), e.getMessage());
    }
}
