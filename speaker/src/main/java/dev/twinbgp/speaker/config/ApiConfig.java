package dev.twinbgp.speaker.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A neighbor's {@code api { processes [ NAME ... ]; receive { ... } send { ... } neighbor-changes; }} block.
 *
 * @param processes       names of {@code process} blocks (checked to exist)
 * @param receive         which received messages are forwarded to the processes, and how
 * @param send            which sent messages are forwarded to the processes, and how
 * @param neighborChanges forward session up/down events
 */
public record ApiConfig(List<String> processes, Set<Message> receive, Set<Message> send, boolean neighborChanges) {

    /** Options inside {@code receive { }} and {@code send { }}, spelled as in ExaBGP. */
    public enum Message {
        PARSED, PACKETS, CONSOLIDATE, OPEN, UPDATE, NOTIFICATION, KEEPALIVE, REFRESH, OPERATIONAL;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ApiConfig {
        processes = List.copyOf(processes);
        receive = Set.copyOf(receive);
        send = Set.copyOf(send);
    }
}
