package dev.twinbgp.speaker.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A neighbor's {@code api [NAME] { processes [ NAME ... ]; neighbor-changes; receive { ... } send { ... } }}
 * (ExaBGP 4 syntax). Process names are checked against the {@code process} blocks once the file is read.
 */
final class ApiParser {
    private static final String KEYWORDS = "processes, processes-match, neighbor-changes, receive, send";
    private static final String MESSAGES = "parsed, packets, consolidate, open, update, notification, keepalive, "
            + "refresh, operational";

    private ApiParser() {
    }

    static void parse(TokenStream in, NeighborDraft draft) throws ConfigException {
        if (!in.peek().is("{")) {
            in.value("an api block name or '{'"); // ExaBGP allows a name here; it has no meaning
        }
        in.expect("{");
        List<Token> processes = new ArrayList<>();
        List<Token> patterns = new ArrayList<>();
        Set<ApiConfig.Message> receive = EnumSet.noneOf(ApiConfig.Message.class);
        Set<ApiConfig.Message> send = EnumSet.noneOf(ApiConfig.Message.class);
        boolean neighborChanges = false;
        while (!in.accept("}")) {
            Token keyword = in.peek();
            String expected = "an api setting (" + KEYWORDS + ") or '}'";
            if (keyword.isEnd() || keyword.quoted() || TokenStream.isPunctuation(keyword)) {
                throw ConfigException.unexpected(keyword, expected);
            }
            in.next();
            switch (keyword.text()) {
                case "processes" -> names(in, processes, "a process name or ']'");
                case "processes-match" -> names(in, patterns, "a process name pattern or ']'");
                case "neighbor-changes" -> {
                    neighborChanges = true;
                    in.expect(";");
                }
                case "receive" -> messages(in, receive);
                case "send" -> messages(in, send);
                default -> throw ConfigException.unexpected(keyword, expected);
            }
        }
        List<String> names = processes.stream().map(Token::text).toList();
        draft.apis.add(new NeighborDraft.PlacedApi(new ApiConfig(names, receive, send, neighborChanges), processes,
                patterns));
    }

    /** {@code [ NAME NAME ... ];}, the names separated by blanks or commas (ExaBGP takes both). */
    private static void names(TokenStream in, List<Token> into, String expected) throws ConfigException {
        in.expect("[");
        while (!in.accept("]")) {
            Token name = in.value(expected);
            for (String part : name.text().split(",", -1)) {
                if (!part.isEmpty()) {
                    into.add(new Token(name.source(), name.line(), name.column(), part, name.quoted()));
                }
            }
        }
        in.expect(";");
    }

    private static void messages(TokenStream in, Set<ApiConfig.Message> into) throws ConfigException {
        in.expect("{");
        while (!in.accept("}")) {
            Token word = in.peek();
            String expected = "a message kind (" + MESSAGES + ") or '}'";
            ApiConfig.Message message = null;
            if (!word.isEnd() && !word.quoted() && !TokenStream.isPunctuation(word)) {
                for (ApiConfig.Message candidate : ApiConfig.Message.values()) {
                    if (candidate.name().toLowerCase(Locale.ROOT).equals(word.text())) {
                        message = candidate;
                    }
                }
            }
            if (message == null) {
                throw ConfigException.unexpected(word, expected);
            }
            in.next();
            in.expect(";");
            into.add(message);
        }
    }
}
