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

    /** Writes the fields of one route (its NLRI octets) in the shape of ExaBGP's JSON for the family. */
    void describe(Family family, byte[] nlri, Fields out);

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

        /**
         * A field of any JSON shape: {@code value} is a String, a Number, a Boolean, null, a {@code List} of such
         * values or a {@code Map<String, ?>} of them (in the order to show). By default shown as its text.
         */
        default void value(String name, Object value) {
            string(name, String.valueOf(value));
        }
    }
}
