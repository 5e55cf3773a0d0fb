package dev.twinbgp.speaker.config;

/**
 * ExaBGP's defaults for attributes a route does not give; applied when an UPDATE is built, not by the parser.
 * <ul>
 *   <li>ORIGIN: {@link #ORIGIN} (RFC 4271 section 5.1.1 makes ORIGIN mandatory; ExaBGP sends IGP);</li>
 *   <li>LOCAL_PREF: {@link #LOCAL_PREFERENCE} on iBGP sessions only (RFC 4271 section 5.1.5);</li>
 *   <li>AS_PATH when none is written: empty on iBGP; on eBGP the local AS alone
 *       (RFC 4271 section 5.1.2; see {@link NeighborConfig#prependsLocalAs()}).</li>
 * </ul>
 */
public final class RouteDefaults {
    public static final Origin ORIGIN = Origin.IGP;
    public static final long LOCAL_PREFERENCE = 100;

    private RouteDefaults() {
    }
}
