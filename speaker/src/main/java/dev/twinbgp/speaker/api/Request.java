package dev.twinbgp.speaker.api;

import java.util.List;

/**
 * A parsed command line: the command and the neighbors it names ({@code neighbor IP [local-ip IP] ... ,
 * neighbor ...}). No selector means every neighbor of the command's source (a process's neighbors, or all of
 * them for the control socket).
 */
public record Request(List<NeighborSelector> selectors, Command command) {
    public Request {
        selectors = List.copyOf(selectors);
    }
}
