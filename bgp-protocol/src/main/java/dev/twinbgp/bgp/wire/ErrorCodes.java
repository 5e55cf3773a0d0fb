package dev.twinbgp.bgp.wire;

/**
 * NOTIFICATION error codes and subcodes: RFC 4271 section 4.5 and 6, RFC 4486 (Cease subcodes),
 * RFC 6608 (FSM error subcodes), RFC 7313 (ROUTE-REFRESH message error).
 */
public final class ErrorCodes {
    private ErrorCodes() {
    }

    public static final int MESSAGE_HEADER = 1;
    public static final int OPEN_MESSAGE = 2;
    public static final int UPDATE_MESSAGE = 3;
    public static final int HOLD_TIMER_EXPIRED = 4;
    public static final int FSM = 5;
    public static final int CEASE = 6;
    public static final int ROUTE_REFRESH_MESSAGE = 7;

    // 1/x Message Header Error (RFC 4271 section 6.1)
    public static final int HEADER_NOT_SYNCHRONIZED = 1;
    public static final int HEADER_BAD_LENGTH = 2;
    public static final int HEADER_BAD_TYPE = 3;

    // 2/x OPEN Message Error (RFC 4271 section 6.2; 5 deprecated; 7 RFC 5492)
    public static final int OPEN_UNSUPPORTED_VERSION = 1;
    public static final int OPEN_BAD_PEER_AS = 2;
    public static final int OPEN_BAD_BGP_IDENTIFIER = 3;
    public static final int OPEN_UNSUPPORTED_OPTIONAL_PARAMETER = 4;
    public static final int OPEN_UNACCEPTABLE_HOLD_TIME = 6;
    public static final int OPEN_UNSUPPORTED_CAPABILITY = 7;
    public static final int OPEN_ROLE_MISMATCH = 11;

    // 3/x UPDATE Message Error (RFC 4271 section 6.3; 7 deprecated)
    public static final int UPDATE_MALFORMED_ATTRIBUTE_LIST = 1;
    public static final int UPDATE_UNRECOGNIZED_WELL_KNOWN = 2;
    public static final int UPDATE_MISSING_WELL_KNOWN = 3;
    public static final int UPDATE_ATTRIBUTE_FLAGS = 4;
    public static final int UPDATE_ATTRIBUTE_LENGTH = 5;
    public static final int UPDATE_INVALID_ORIGIN = 6;
    public static final int UPDATE_INVALID_NEXT_HOP = 8;
    public static final int UPDATE_OPTIONAL_ATTRIBUTE = 9;
    public static final int UPDATE_INVALID_NETWORK_FIELD = 10;
    public static final int UPDATE_MALFORMED_AS_PATH = 11;

    // 5/x Finite State Machine Error (RFC 6608 section 4)
    public static final int FSM_UNSPECIFIED = 0;
    public static final int FSM_UNEXPECTED_IN_OPENSENT = 1;
    public static final int FSM_UNEXPECTED_IN_OPENCONFIRM = 2;
    public static final int FSM_UNEXPECTED_IN_ESTABLISHED = 3;

    // 6/x Cease (RFC 4486 section 4)
    public static final int CEASE_MAX_PREFIXES = 1;
    public static final int CEASE_ADMIN_SHUTDOWN = 2;
    public static final int CEASE_PEER_DECONFIGURED = 3;
    public static final int CEASE_ADMIN_RESET = 4;
    public static final int CEASE_CONNECTION_REJECTED = 5;
    public static final int CEASE_OTHER_CONFIGURATION_CHANGE = 6;
    public static final int CEASE_CONNECTION_COLLISION = 7;
    public static final int CEASE_OUT_OF_RESOURCES = 8;
    public static final int CEASE_HARD_RESET = 9;
    public static final int CEASE_BFD_DOWN = 10;

    // 7/x ROUTE-REFRESH Message Error (RFC 7313 section 5)
    public static final int ROUTE_REFRESH_INVALID_LENGTH = 1;

    /** The code's name, as ExaBGP prints it. */
    public static String codeName(int code) {
        return switch (code) {
            case MESSAGE_HEADER -> "Message header error";
            case OPEN_MESSAGE -> "OPEN message error";
            case UPDATE_MESSAGE -> "UPDATE message error";
            case HOLD_TIMER_EXPIRED -> "Hold timer expired";
            case FSM -> "State machine error";
            case CEASE -> "Cease";
            case ROUTE_REFRESH_MESSAGE -> "Route refresh message error";
            default -> "Unknown error code " + code;
        };
    }

    /** The subcode's name under its code. */
    public static String subcodeName(int code, int subcode) {
        String s = switch (code) {
            case MESSAGE_HEADER -> switch (subcode) {
                case 1 -> "Connection Not Synchronized";
                case 2 -> "Bad Message Length";
                case 3 -> "Bad Message Type";
                default -> null;
            };
            case OPEN_MESSAGE -> switch (subcode) {
                case 1 -> "Unsupported Version Number";
                case 2 -> "Bad Peer AS";
                case 3 -> "Bad BGP Identifier";
                case 4 -> "Unsupported Optional Parameter";
                case 5 -> "Authentication Notification (Deprecated)";
                case 6 -> "Unacceptable Hold Time";
                case 7 -> "Unsupported Capability";
                case 11 -> "Role Mismatch";
                default -> null;
            };
            case UPDATE_MESSAGE -> switch (subcode) {
                case 1 -> "Malformed Attribute List";
                case 2 -> "Unrecognized Well-known Attribute";
                case 3 -> "Missing Well-known Attribute";
                case 4 -> "Attribute Flags Error";
                case 5 -> "Attribute Length Error";
                case 6 -> "Invalid ORIGIN Attribute";
                case 7 -> "AS Routing Loop (Deprecated)";
                case 8 -> "Invalid NEXT_HOP Attribute";
                case 9 -> "Optional Attribute Error";
                case 10 -> "Invalid Network Field";
                case 11 -> "Malformed AS_PATH";
                default -> null;
            };
            case FSM -> switch (subcode) {
                case 0 -> "Unspecified Error";
                case 1 -> "Receive Unexpected Message in OpenSent State";
                case 2 -> "Receive Unexpected Message in OpenConfirm State";
                case 3 -> "Receive Unexpected Message in Established State";
                default -> null;
            };
            case CEASE -> switch (subcode) {
                case 0 -> "Unspecified";
                case 1 -> "Maximum Number of Prefixes Reached";
                case 2 -> "Administrative Shutdown";
                case 3 -> "Peer De-configured";
                case 4 -> "Administrative Reset";
                case 5 -> "Connection Rejected";
                case 6 -> "Other Configuration Change";
                case 7 -> "Connection Collision Resolution";
                case 8 -> "Out of Resources";
                case 9 -> "Hard Reset";
                case 10 -> "BFD Down";
                default -> null;
            };
            case ROUTE_REFRESH_MESSAGE -> subcode == 1 ? "Invalid Message Length" : null;
            case HOLD_TIMER_EXPIRED -> subcode == 0 ? "Unspecific" : null;
            default -> null;
        };
        return s != null ? s : "Unknown subcode " + subcode;
    }

    public static String name(int code, int subcode) {
        return codeName(code) + " / " + subcodeName(code, subcode);
    }
}
