package dev.twinbgp.speaker.config;

/** Conversions of single value tokens, each failing with a {@link ConfigException} that says what was expected. */
final class Values {
    static final long MAX_UINT32 = 0xFFFFFFFFL;
    static final String ASN = "an AS number (0-4294967295)";

    private Values() {
    }

    /** A decimal number in 0..max (no sign, no leading '+'). */
    static long decimal(Token token, long max, String expected) throws ConfigException {
        String text = token.text();
        if (text == null || text.isEmpty() || text.length() > 20 || !allDigits(text)) {
            throw ConfigException.unexpected(token, expected);
        }
        try {
            long value = Long.parseLong(text);
            if (value > max) {
                throw ConfigException.unexpected(token, expected);
            }
            return value;
        } catch (NumberFormatException tooLong) {
            throw ConfigException.unexpected(token, expected);
        }
    }

    /** A decimal number, or hexadecimal with a {@code 0x} prefix, in 0..max. */
    static long decimalOrHex(Token token, long max, String expected) throws ConfigException {
        String text = token.text();
        if (text != null && (text.startsWith("0x") || text.startsWith("0X"))) {
            String digits = text.substring(2);
            if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw ConfigException.unexpected(token, expected);
            }
            long value = Long.parseLong(digits, 16);
            if (value > max) {
                throw ConfigException.unexpected(token, expected);
            }
            return value;
        }
        return decimal(token, max, expected);
    }

    static long asn(Token token) throws ConfigException {
        return decimal(token, MAX_UINT32, ASN);
    }

    static IpAddress ip(Token token, String expected) throws ConfigException {
        try {
            return IpAddress.parse(token.text());
        } catch (IllegalArgumentException | NullPointerException bad) {
            throw ConfigException.unexpected(token, expected);
        }
    }

    static IpAddress ipv4(Token token, String expected) throws ConfigException {
        IpAddress address = ip(token, expected);
        if (!address.isIpv4()) {
            throw ConfigException.unexpected(token, expected);
        }
        return address;
    }

    /** ExaBGP's booleans: {@code true|false|enable|disable} (and {@code enabled|disabled}). */
    static boolean bool(Token token) throws ConfigException {
        return switch (token.quoted() ? "" : String.valueOf(token.text())) {
            case "true", "enable", "enabled" -> true;
            case "false", "disable", "disabled" -> false;
            default -> throw ConfigException.unexpected(token, "true, false, enable or disable");
        };
    }

    /** Hex bytes written {@code 0xHH...} (an even number of digits, possibly none). */
    static byte[] hexBytes(Token token, String expected) throws ConfigException {
        String text = token.text();
        if (text == null || !(text.startsWith("0x") || text.startsWith("0X")) || text.length() % 2 != 0
                || !text.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw ConfigException.unexpected(token, expected);
        }
        return java.util.HexFormat.of().parseHex(text.substring(2));
    }

    /** True when every character is 0-9 (a loop: a stream per number was a hot spot reading 1M routes). */
    static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
