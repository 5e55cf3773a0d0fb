package dev.twinbgp.cli;

import dev.twinbgp.speaker.json.Direction;
import java.util.Locale;
import picocli.CommandLine;

/** {@code in} or {@code out}, any case. */
final class DirectionOption implements CommandLine.ITypeConverter<Direction> {
    @Override
    public Direction convert(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "in" -> Direction.IN;
            case "out" -> Direction.OUT;
            default -> throw new CommandLine.TypeConversionException("'" + value + "' is not a direction: use in or out");
        };
    }
}
