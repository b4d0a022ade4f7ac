package org.fundwatch.screening;

/** One named SQL statement of a screening plan (creating a shared relation, or a rule's query). */
public record Statement(String name, String sql) {
}
