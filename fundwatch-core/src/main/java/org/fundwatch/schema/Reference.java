package org.fundwatch.schema;

import java.util.List;
import java.util.Objects;

/**
 * A reference from the columns of one table to the key columns of another (fee line → visit, visit → person).
 *
 * @param columns      the referring columns
 * @param table        the referenced table
 * @param targetColumns the referenced columns, in the same order
 * @param mandatory    true: a row whose target is missing is rejected (a fee line without its visit can be judged by
 *                     no rule); false: it is kept with a warning (an approval for a person not in this extract)
 */
public record Reference(List<String> columns, String table, List<String> targetColumns, boolean mandatory) {
    public Reference {
        columns = List.copyOf(columns);
        Objects.requireNonNull(table, "table is null");
        targetColumns = List.copyOf(targetColumns);
        if (columns.size() != targetColumns.size() || columns.isEmpty()) {
            throw new IllegalArgumentException("a reference needs as many target columns as columns");
        }
    }
}
