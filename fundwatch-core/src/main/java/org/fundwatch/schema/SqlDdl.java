package org.fundwatch.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard SQL declarations derived from the schema. Column names are the schema's own identifiers (lower-case
 * letters, digits and underscores, checked here), so nothing user-supplied is ever glued into the statement.
 */
public final class SqlDdl {

    private SqlDdl() {
    }

    /** {@code CREATE TABLE name (col TYPE, ...)} with the schema's columns plus any {@code extraColumns} as text. */
    public static String createTable(String tableName, Table table, List<String> leadingColumns,
                                     List<String> extraColumns) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(identifier(tableName)).append(" (");
        String cols = java.util.stream.Stream.of(
                        leadingColumns.stream(),
                        table.columns().stream().map(c -> identifier(c.name()) + " " + c.type().sqlType()),
                        extraColumns.stream().map(c -> quoted(c) + " VARCHAR"))
                .flatMap(s -> s)
                .collect(Collectors.joining(", "));
        return sql.append(cols).append(")").toString();
    }

    /** A schema identifier, refused unless it is plain lower-case. */
    public static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }

    /** A double-quoted identifier for names from a file header (unknown columns kept as text). */
    public static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
