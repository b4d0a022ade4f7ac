/**
 * The exchange format declared once: tables, columns, types, codes, keys and references ({@link
 * org.fundwatch.schema.ExchangeFormat}). Everything that reads or writes Fundwatch data derives from here.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.schema;
