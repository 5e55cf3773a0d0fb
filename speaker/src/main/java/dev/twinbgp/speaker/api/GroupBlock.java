package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.config.ProcessConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * ExaBGP's multi-line group ({@code reactor/api/command/group.py}) for one API process:
 * <pre>
 *   group start                      -> "group started", done
 *   announce route 10.0.0.0/24 ...   -> held (checked now: error at once if it cannot apply), done
 *   withdraw route 10.0.1.0/24       -> held, done
 *   group end                        -> all held changes as one {@link Command.Group} (one burst, all or none):
 *                                       "group processed: 1 announced, 1 withdrawn", done
 * </pre>
 * Only route changes (announce, withdraw, {@code clear adj-rib out}, a one-line {@code group}) are held; any other
 * command runs as it comes. A second {@code group start} before the end, or a {@code group end} without a start,
 * is an error, as in ExaBGP. Not thread-safe: one per reader thread.
 */
final class GroupBlock {
    private List<Request> held; // null: no block open

    boolean isOpen() {
        return held != null;
    }

    /** Opens a block; the reason it cannot (one is open already), else null. */
    String start() {
        if (held != null) {
            return "already in group block (nested groups not allowed)";
        }
        held = new ArrayList<>();
        return null;
    }

    /** Holds a route change; a one-line {@code group} is held as its members (the block is all or none anyway). */
    void hold(Request request) {
        if (request.command() instanceof Command.Group g) {
            held.addAll(g.requests());
        } else {
            held.add(request);
        }
    }

    /** Closes the block: the changes held (maybe none), or null when no block was open. */
    List<Request> end() {
        List<Request> requests = held;
        held = null;
        return requests;
    }

    /** The line ExaBGP writes for {@code group start}. */
    static String started(ProcessConfig.Encoder encoder) {
        return encoder == ProcessConfig.Encoder.JSON ? "{\"status\": \"group started\"}" : "group started";
    }

    /** The line ExaBGP writes for {@code group end}: how many routes the block announced and withdrew. */
    static String ended(List<Request> requests, ProcessConfig.Encoder encoder) {
        if (requests.isEmpty()) {
            return encoder == ProcessConfig.Encoder.JSON ? "{\"status\": \"group ended\", \"commands\": 0}"
                    : "group ended (0 commands)";
        }
        int[] counts = new int[2];
        count(requests, counts);
        return encoder == ProcessConfig.Encoder.JSON
                ? "{\"status\": \"group processed\", \"announced\": " + counts[0] + ", \"withdrawn\": " + counts[1] + "}"
                : "group processed: " + counts[0] + " announced, " + counts[1] + " withdrawn";
    }

    private static void count(List<Request> requests, int[] counts) {
        for (Request r : requests) {
            switch (r.command()) {
                case Command.Announce a -> counts[0] += a.routes().size() + a.flows().size();
                case Command.Withdraw w -> counts[1] += w.routes().size() + w.flows().size();
                case Command.Group g -> count(g.requests(), counts);
                default -> {
                }
            }
        }
    }
}
