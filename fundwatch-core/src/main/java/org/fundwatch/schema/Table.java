package org.fundwatch.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One table of the exchange format: its columns, key, references and how a reversing row is recognised.
 *
 * @param name        file name without extension ({@code feedetail} → {@code feedetail.csv}/{@code .parquet})
 * @param rowIs       what one row is, for documentation
 * @param required    whether an extract without this table is refused
 * @param columns     in documentation order
 * @param key         columns whose values are unique across the dataset (all months); empty when the table has none
 * @param references  references to other tables
 * @param reversal    the conditions that make a row a refund or reversal, whose negative values are valid
 */
public record Table(String name, String rowIs, boolean required, List<Column> columns, List<String> key,
                    List<Reference> references, List<ReversalCondition> reversal) {

    /**
     * A condition of a reversing row: the column holds {@code value}, or any value when {@code value} is empty.
     */
    public record ReversalCondition(String column, Optional<String> value) {
        public ReversalCondition {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(value, "value is null");
        }
    }

    public Table {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(rowIs, "rowIs is null");
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        references = List.copyOf(references);
        reversal = List.copyOf(reversal);
        for (String k : key) {
            if (columns.stream().noneMatch(c -> c.name().equals(k))) {
                throw new IllegalArgumentException(name + ": key column " + k + " is not a column");
            }
        }
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The column, or an exception naming the table when the schema has no such column. */
    public Column requireColumn(String columnName) {
        return column(columnName).orElseThrow(
                () -> new IllegalArgumentException("table " + name + " has no column " + columnName));
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).collect(Collectors.toUnmodifiableList());
    }

    public List<Column> requiredColumns() {
        return columns.stream().filter(Column::required).collect(Collectors.toUnmodifiableList());
    }
}
