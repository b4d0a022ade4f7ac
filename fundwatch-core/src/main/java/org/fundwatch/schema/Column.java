package org.fundwatch.schema;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One column of an exchange table.
 *
 * @param name        the national platform's field name, never renamed
 * @param type        its value type
 * @param required    whether a row without a value is rejected ({@code *} in FORMAT.md)
 * @param codes       allowed values, when the column is coded
 * @param checks      value checks beyond the type
 * @param description what it holds, in English with the Chinese term
 */
public record Column(String name, ColumnType type, boolean required, Optional<CodeSet> codes, Set<Check> checks,
                     String description) {

    /** Checks on a single value, applied by every reader of the format. */
    public enum Check {
        /** Below zero is always an error (a unit price, a bed count). */
        NOT_NEGATIVE,
        /** Below zero only on a refund line or a reversal settlement (the table declares which marks those). */
        NEGATIVE_ONLY_WHEN_REVERSING,
        /** An event that cannot lie after the moment of ingestion (a birth, a fee, a settlement). */
        NOT_FUTURE
    }

    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(codes, "codes is null");
        checks = Set.copyOf(checks);
        Objects.requireNonNull(description, "description is null");
    }

    public boolean has(Check check) {
        return checks.contains(check);
    }
}
