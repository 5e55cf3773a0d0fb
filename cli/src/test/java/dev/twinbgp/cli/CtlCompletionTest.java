package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the shell's Tab offers after the words typed so far. */
class CtlCompletionTest {
    private final CtlCompletion completion = new CtlCompletion(() -> List.of("192.0.2.1", "2001:db8::1"));

    private List<String> after(String... words) {
        return completion.next(List.of(words));
    }

    @Test
    void commandsThenTheirWords() {
        assertTrue(after().containsAll(List.of("announce", "withdraw", "show", "teardown", "neighbor", "exit")));
        assertEquals(List.of("neighbor", "adj-rib"), after("show"));
        assertEquals(List.of("summary", "extensive", "configuration", "json", "192.0.2.1", "2001:db8::1"), after("show", "neighbor"));
        assertEquals(List.of("in", "out"), after("show", "adj-rib"));
        assertEquals(List.of("extensive", "json", "inet", "flow", "l2vpn", "192.0.2.1", "2001:db8::1"),
                after("show", "adj-rib", "out"));
        assertEquals(List.of("unicast", "flow", "flow-vpn"), after("announce", "ipv4"));
        assertEquals(List.of(), after("announce", "route")); // a prefix: free text
    }

    @Test
    void neighborAddressesWhereOneIsExpected() {
        assertEquals(List.of("192.0.2.1", "2001:db8::1"), after("neighbor"));
        assertEquals(List.of("192.0.2.1", "2001:db8::1"), after("teardown"));
        assertEquals(List.of("192.0.2.1", "2001:db8::1"), after("delete", "neighbor"));
        assertTrue(after("neighbor", "192.0.2.1").contains("announce"), "a command follows 'neighbor IP'");
        assertEquals(List.of(), after("delete", "neighbor", "192.0.2.1"));
        assertEquals(List.of(), after("create", "neighbor", "192.0.2.9")); // its settings: free text
    }
}
