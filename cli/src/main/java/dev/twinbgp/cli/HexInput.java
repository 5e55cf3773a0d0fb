package dev.twinbgp.cli;

/**
 * Parses the hex a user types for {@code twinbgp decode}: spaces, tabs and colons are ignored, and so
 * is a leading {@code 0x}. Returns the bytes, or throws {@link BadHex} with a one-line reason.
 */
final class HexInput {
    /** Input that is not hex: a value, not a crash (no stack trace is ever shown for it). */
    static final class BadHex extends Exception {
        BadHex(String message) {
            super(message, null, false, false);
        }
    }

    private HexInput() {
    }

    static byte[] parse(String text) throws BadHex {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != ':' && c != '\r' && c != '\n') {
                digits.append(c);
            }
        }
        int start = digits.length() >= 2 && digits.charAt(0) == '0' && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X') ? 2 : 0;
        int n = digits.length() - start;
        if (n == 0) {
            throw new BadHex("no hex digits");
        }
        for (int i = start; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                char c = digits.charAt(i);
                throw new BadHex("not a hex digit: '" + (c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c))
                        + "' at digit " + (i - start + 1));
            }
        }
        if (n % 2 != 0) {
            throw new BadHex("odd number of hex digits (" + n + ")");
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Character.digit(digits.charAt(start + 2 * i), 16) << 4 | Character.digit(digits.charAt(start + 2 * i + 1), 16));
        }
        return out;
    }
}
