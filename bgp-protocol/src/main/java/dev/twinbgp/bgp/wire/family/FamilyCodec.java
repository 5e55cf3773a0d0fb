package dev.twinbgp.bgp.wire.family;

/**
 * The codec of one family group's NLRI (RFC 4760 section 5): how routes are delimited in an NLRI field,
 * what makes one malformed, and how one is shown. Adding a family is adding one implementation and
 * registering it in {@link Families}: MP_REACH_NLRI/MP_UNREACH_NLRI, End-of-RIB, ADD-PATH, the RIBs and
 * the JSON encoder then work for it through {@link Nlri} and {@link NlriRoute} without further code.
 * Implementations are stateless and never throw on any input.
 */
public interface FamilyCodec {
    /** The families this codec decodes. */
    java.util.List<Family> families();

    /**
     * The octets of the route starting at {@code p} (path identifier excluded), or -1 when its own framing
     * runs past {@code end}, so that no later route of the field can be found (RFC 7606 section 5.3).
     */
    int routeLength(Family family, byte[] b, int p, int end);

    /**
     * Null when the route's {@code len} octets at {@code off} are well formed, else why not: the UPDATE
     * is then treated as withdraw (RFC 7606 section 2 and the family's RFC).
     */
    String malformed(Family family, byte[] b, int off, int len);

    /**
     * False for a well-formed route of a type the codec does not know, in a typed family (EVPN, MVPN, MUP):
     * RFC 7606 section 5.4 says to discard it - it is reported, never stored. True by default.
     */
    default boolean recognised(Family family, byte[] nlri) {
        return true;
    }

    /** Writes the fields of one route (its NLRI octets) in the shape of ExaBGP's JSON for the family. */
    void describe(Family family, byte[] nlri, Fields out);

    /** The fields of a withdrawn route (ExaBGP shows fewer for some families, e.g. no labels); by default {@link #describe}. */
    default void describeWithdrawn(Family family, byte[] nlri, Fields out) {
        describe(family, nlri, out);
    }

    /**
     * The octets that identify the route in the RIBs (RFC 4271 section 9: a withdrawal names the route it
     * removes): by default all of its NLRI octets. A labeled family leaves its labels out, since a
     * withdrawal's label field carries any value (RFC 8277 section 2.4); EVPN leaves out its labels, ESI and
     * gateway, attributes of the route (RFC 7432 section 7, RFC 9136 section 3.1). Two routes with the same key
     * replace each other. Returns {@code nlri} itself or new octets.
     */
    default byte[] key(Family family, byte[] nlri) {
        return nlri;
    }

    /**
     * As {@link #describe(Family, byte[], Fields)}, for a route announced with {@code nextHop} (the MP_REACH_NLRI
     * next hop as text; null for a withdrawn route): for the families whose JSON names it in each route (BGP-LS).
     */
    default void describe(Family family, byte[] nlri, String nextHop, Fields out) {
        describe(family, nlri, out);
    }

    /** ExaBGP's one-line text of a route (its {@code "string"}). */
    String text(Family family, byte[] nlri);

    /** Receives a route's JSON fields in order: a field with a list of strings, or one string. */
    interface Fields {
        void list(String name, java.util.List<String> values);

        void string(String name, String value);

        /** A field holding a number, e.g. ExaBGP's {@code "origin": 65000}. */
        default void number(String name, long value) {
            string(name, Long.toString(value));
        }

        /** A field holding JSON null, e.g. the {@code "route-target"} of ExaBGP's default route target membership. */
        default void none(String name) {
            string(name, "null");
        }

        /** A JSON boolean. */
        default void bool(String name, boolean value) {
            string(name, Boolean.toString(value));
        }

        /** A field holding a list of lists of numbers, e.g. ExaBGP's {@code "label": [[1000, 16001]]}. */
        default void numbers(String name, java.util.List<long[]> values) {
            list(name, values.stream().map(java.util.Arrays::toString).toList());
        }

        /**
         * A field of any JSON shape: {@code value} is a String, a Number, a Boolean, null, a {@code List} of such
         * values or a {@code Map<String, ?>} of them (in the order to show). By default shown as its text.
         */
        default void value(String name, Object value) {
            string(name, String.valueOf(value));
        }
    }
}
