package dev.binlog.cli;

import dev.binlog.ConfigurationException;
import dev.binlog.StartPosition;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code earliest}, {@code latest}, {@code FILE:POS}, a GTID set, or {@code @ISO-8601-time}. */
final class StartPositionConverter implements ITypeConverter<StartPosition> {

    @Override
    public StartPosition convert(String text) {
        try {
            return StartPosition.parse(text);
        } catch (ConfigurationException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
