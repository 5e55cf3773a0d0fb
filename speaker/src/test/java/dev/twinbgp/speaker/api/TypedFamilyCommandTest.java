package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** API commands of the typed families (EVPN, VPLS, MCAST-VPN, MUP) parse; a route to announce needs a next hop. */
class TypedFamilyCommandTest {
    @Test
    void apiCommandsOfEachFamily() throws CommandException {
        for (String command : List.of(
                "announce evpn multicast rd 1:1 ethernet-tag 5 ip 192.0.2.1 next-hop 192.0.2.1",
                "withdraw evpn ip-prefix rd 1:1 prefix 10.0.0.0/8 label 3",
                "announce vpls rd 192.168.201.1:123 endpoint 5 base 10702 offset 1 size 8 next-hop 192.168.201.1",
                "announce ipv6 mcast-vpn source-ad source fd12::4 group ff0e::1 rd 65000:99999 next-hop 10.10.6.4",
                "withdraw ipv4 mup mup-isd 10.0.1.0/24 rd 100:100")) {
            assertTrue(CommandParser.parse(command).command().toString().contains("FlowConfig"), command);
        }
        CommandException e = assertThrows(CommandException.class,
                () -> CommandParser.parse("announce evpn mac-ip rd 1:1 mac 00:11:22:33:44:55 label 1"));
        assertTrue(e.getMessage().contains("next-hop"), e.getMessage());
    }

}
