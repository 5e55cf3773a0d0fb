package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.RouteConfig;
import java.util.List;
import java.util.Optional;

/** One API command (ExaBGP API, v4 syntax), without its neighbor selectors ({@link Request}). */
public sealed interface Command {

    /** {@code announce route ...}, {@code announce ipv4|ipv6 unicast ...}, {@code announce attributes ... nlri ...}. */
    record Announce(List<RouteConfig> routes, List<FlowConfig> flows) implements Command {
        public Announce {
            routes = List.copyOf(routes);
            flows = List.copyOf(flows);
        }

        public Announce(List<RouteConfig> routes) {
            this(routes, List.of());
        }
    }

    /**
     * {@code group COMMAND ; COMMAND ...}: ExaBGP's {@code group} (its {@code reactor/api/command/group.py}, single-line
     * form): announces and withdrawals applied together, all or none, so that routes with the same attributes leave
     * in one UPDATE. Each request keeps its own neighbor selectors.
     */
    record Group(List<Request> requests) implements Command {
        public Group {
            requests = List.copyOf(requests);
        }
    }

    /**
     * {@code group start}: ExaBGP's multi-line group (its {@code reactor/api/command/group.py}): the route changes an
     * API process writes until {@code group end} are held, then applied as one {@link Group}. Other commands run as
     * they come. Only a process has lines to group; on the control socket (one command per connection) it is refused.
     */
    record GroupStart() implements Command {
    }

    /** {@code group end}: applies the route changes held since {@code group start} as one {@link Group}. */
    record GroupEnd() implements Command {
    }

    /** {@code withdraw route ...}, {@code withdraw attributes ... nlri ...}. */
    record Withdraw(List<RouteConfig> routes, List<FlowConfig> flows) implements Command {
        public Withdraw {
            routes = List.copyOf(routes);
            flows = List.copyOf(flows);
        }

        public Withdraw(List<RouteConfig> routes) {
            this(routes, List.of());
        }
    }

    /** {@code announce eor [AFI SAFI]}: an End-of-RIB marker (RFC 4724 section 2); empty = every family. */
    record EndOfRib(Optional<Family> family) implements Command {
    }

    /** {@code announce route-refresh AFI SAFI} (RFC 2918 section 3). */
    record RouteRefresh(Family family) implements Command {
    }

    /**
     * {@code operational adm|asm|rpcq|rpcp|apcq|apcp|lpcq|lpcp ...} ({@link OperationalCommand}): an OPERATIONAL
     * message (type 6) to each target whose session negotiated capability 185.
     *
     * @param routerId the router-id given, or -1 for the session's own BGP identifier
     */
    record Operational(int what, Family family, String advisory, long routerId, long sequence, long counter)
            implements Command {
        /** The message, with {@code localRouterId} when no router-id was given. */
        public dev.twinbgp.bgp.wire.Operational message(long localRouterId) {
            long id = routerId < 0 ? localRouterId : routerId;
            return switch (what) {
                case dev.twinbgp.bgp.wire.Operational.ADM, dev.twinbgp.bgp.wire.Operational.ASM ->
                        dev.twinbgp.bgp.wire.Operational.advisory(what, family, advisory);
                case dev.twinbgp.bgp.wire.Operational.RPCQ, dev.twinbgp.bgp.wire.Operational.APCQ,
                     dev.twinbgp.bgp.wire.Operational.LPCQ -> dev.twinbgp.bgp.wire.Operational.query(what, family, id, sequence);
                default -> dev.twinbgp.bgp.wire.Operational.counter(what, family, id, sequence, counter);
            };
        }
    }

    /**
     * {@code announce watchdog NAME} / {@code withdraw watchdog NAME}: announce or withdraw every configured route
     * tagged {@code watchdog NAME} (ExaBGP's watchdogs).
     */
    record Watchdog(String name, boolean announce) implements Command {
    }

    /**
     * {@code ping [UUID [TIMESTAMP]]}: ExaBGP's health check; answered with this daemon's id, in JSON unless
     * {@code ping text}.
     */
    record Ping(boolean text) implements Command {
    }

    /**
     * {@code create neighbor IP SETTING VALUE ...}: a neighbor added at run time, its settings those of a
     * configuration's neighbor block written on one line ({@code local-as 1 peer-as 2 router-id 1.2.3.4}), with
     * {@code family AFI SAFI} and {@code api PROCESS} (ExaBGP 5); {@code config} is that block as configuration text.
     */
    record CreateNeighbor(IpAddress address, String config) implements Command {
    }

    /** {@code delete neighbor IP}: stop the neighbor (Cease / Peer De-configured) and forget it. */
    record DeleteNeighbor(IpAddress address) implements Command {
    }

    /** What {@code show neighbor} shows: ExaBGP's {@code summary} (the default), {@code extensive} or {@code configuration}. */
    enum NeighborView {
        SUMMARY, EXTENSIVE, CONFIGURATION
    }

    /**
     * {@code show neighbor [FILTER] [summary|extensive|configuration] [json]}: {@code filter} is ExaBGP's, the word
     * written after {@code neighbor} (or anywhere among the keywords) - the neighbor's address for {@code summary}, a
     * part of its ExaBGP name ({@code neighbor IP local-ip IP local-as N peer-as N router-id IP family-allowed ...})
     * for {@code extensive} and {@code configuration}; {@code json} ignores it, as ExaBGP's does.
     */
    record ShowNeighbor(NeighborView view, boolean json, Optional<String> filter) implements Command {
        ShowNeighbor(boolean extensive, boolean json) {
            this(extensive ? NeighborView.EXTENSIVE : NeighborView.SUMMARY, json, Optional.empty());
        }

        boolean extensive() {
            return view == NeighborView.EXTENSIVE;
        }
    }

    /**
     * {@code show adj-rib in|out [IP] [inet|flow|l2vpn] [extensive] [json]}: {@code peer} is ExaBGP's filter by
     * neighbor address, {@code kind} its filter by kind of route (rib.py: its INET, Flow, VPLS/EVPN classes).
     */
    record ShowAdjRib(boolean in, boolean extensive, boolean json, Optional<IpAddress> peer, Optional<RouteKind> kind)
            implements Command {
        ShowAdjRib(boolean in, boolean extensive, boolean json) {
            this(in, extensive, json, Optional.empty(), Optional.empty());
        }

        ShowAdjRib(boolean in, boolean extensive, boolean json, Optional<IpAddress> peer) {
            this(in, extensive, json, peer, Optional.empty());
        }
    }

    /**
     * ExaBGP's {@code show adj-rib} kinds: {@code inet} its INET NLRI and their subclasses (unicast, multicast,
     * nlri-mpls, mpls-vpn), {@code flow} FlowSpec (flow, flow-vpn), {@code l2vpn} VPLS and EVPN.
     */
    enum RouteKind {
        INET, FLOW, L2VPN;

        boolean matches(Family f) {
            return switch (this) {
                case INET -> (f.afi() == Family.AFI_IPV4 || f.afi() == Family.AFI_IPV6)
                        && (f.safi() == Family.SAFI_UNICAST || f.safi() == Family.SAFI_MULTICAST
                        || f.safi() == Family.SAFI_MPLS_LABEL || f.safi() == Family.SAFI_MPLS_VPN);
                case FLOW -> f.safi() == Family.SAFI_FLOW || f.safi() == Family.SAFI_FLOW_VPN;
                case L2VPN -> f.afi() == Family.AFI_L2VPN;
            };
        }
    }

    /** {@code flush adj-rib out}: send the whole Adj-RIB-Out again. */
    record FlushAdjRibOut() implements Command {
    }

    /** {@code flush route}: send the route changes held back by {@code auto-flush false} (ExaBGP). */
    record FlushRoute() implements Command {
    }

    /** {@code clear adj-rib in|out}: forget the Adj-RIB-In, or withdraw everything we announced. */
    record ClearAdjRib(boolean in) implements Command {
    }

    /**
     * {@code teardown [IP] [SUBCODE]}: Cease (RFC 4271 section 6.7) with the subcode (RFC 4486, default 2,
     * Administrative Shutdown) to the peer at IP, or to the selected neighbors.
     */
    record Teardown(Optional<IpAddress> address, int subcode) implements Command {
    }

    /**
     * {@code reload}: read the configuration file again and apply what changed (ExaBGP's {@code reload}, SIGUSR1):
     * routes of the configuration withdrawn or announced, neighbors added, removed or reset.
     */
    record Reload() implements Command {
    }

    /**
     * {@code shutdown}: stop the speaker; {@code shutdown restart} (twinbgp): the stop before a restart, which keeps
     * the routes of peers with graceful restart (as SIGPWR).
     */
    record Shutdown(boolean forRestart) implements Command {
        public Shutdown() {
            this(false);
        }
    }

    /** {@code version}. */
    record Version() implements Command {
    }

    /** {@code help}. */
    record Help() implements Command {
    }

    /** {@code enable-ack}, {@code disable-ack}, {@code silence-ack}. */
    record SetAck(AckMode mode) implements Command {
    }

    /** How a process is answered: ExaBGP's ack modes. */
    enum AckMode {
        /** {@code done} or {@code error} after every command (the default). */
        ENABLED,
        /** no acknowledgement from the next command on ({@code disable-ack} itself is still acknowledged). */
        DISABLED,
        /** no acknowledgement, including for {@code silence-ack} itself. */
        SILENCED
    }
}
