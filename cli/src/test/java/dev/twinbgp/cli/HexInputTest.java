package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HexInputTest {
    @Test
    void ignoresSpacesColonsAndALeading0x() throws Exception {
        assertArrayEquals(new byte[] {(byte) 0xFF, 0x00, 0x13, 0x04}, HexInput.parse(" 0xff:00 13\t04 "));
        assertArrayEquals(new byte[] {(byte) 0xAB}, HexInput.parse("0XaB"));
    }

    @Test
    void rejectsWithAOneLineReason() {
        assertEquals("odd number of hex digits (3)", assertThrows(HexInput.BadHex.class, () -> HexInput.parse("abc")).getMessage());
        assertEquals("not a hex digit: 'g' at digit 2", assertThrows(HexInput.BadHex.class, () -> HexInput.parse("0xag")).getMessage());
        assertEquals("no hex digits", assertThrows(HexInput.BadHex.class, () -> HexInput.parse(" : ")).getMessage());
        assertEquals("not a hex digit: '\\u00e9' at digit 1", assertThrows(HexInput.BadHex.class, () -> HexInput.parse("é0")).getMessage());
    }
}
