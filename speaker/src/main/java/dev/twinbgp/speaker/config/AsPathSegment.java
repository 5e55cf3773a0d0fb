package dev.twinbgp.speaker.config;

import java.util.List;

/**
 * One AS_PATH segment (RFC 4271 section 4.3, RFC 5065 section 3 for the confederation types).
 * ExaBGP syntax: {@code [ a b ]} sequence, {@code ( a b )} set, {@code [ { a b } ]} / {@code ( { a b } )} the
 * confederation forms.
 */
public record AsPathSegment(Type type, List<Long> asns) {

    public enum Type {
        SET(1), SEQUENCE(2), CONFED_SEQUENCE(3), CONFED_SET(4);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public AsPathSegment {
        asns = List.copyOf(asns);
    }

    @Override
    public String toString() {
        String body = String.join(" ", asns.stream().map(String::valueOf).toList());
        return switch (type) {
            case SEQUENCE -> "[ " + body + " ]";
            case SET -> "( " + body + " )";
            case CONFED_SEQUENCE -> "[ { " + body + " } ]";
            case CONFED_SET -> "( { " + body + " } )";
        };
    }
}
