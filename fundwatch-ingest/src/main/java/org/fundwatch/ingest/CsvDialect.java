package org.fundwatch.ingest;

import java.util.Objects;

/**
 * How a delimited source file separates and encloses fields. Records end at {@code \n} or {@code \r\n}.
 *
 * @param separator   between fields, e.g. {@code ,} or {@code |}
 * @param openQuote   opens an enclosed field, e.g. {@code "} or {@code @|}
 * @param closeQuote  closes it, e.g. {@code "} or {@code |@}
 * @param doubledQuoteEscapes inside an enclosed field, a doubled close quote stands for one (RFC 4180)
 */
public record CsvDialect(String separator, String openQuote, String closeQuote, boolean doubledQuoteEscapes) {

    /** RFC 4180: comma, double quotes, {@code ""} inside quotes. */
    public static final CsvDialect RFC4180 = new CsvDialect(",", "\"", "\"", true);

    /** The national data-warehouse extract (MDTRT_D, SETL_D, …): {@code |} between fields, {@code @|…|@} around. */
    public static final CsvDialect NATIONAL_WAREHOUSE = new CsvDialect("|", "@|", "|@", false);

    public CsvDialect {
        Objects.requireNonNull(separator, "separator is null");
        Objects.requireNonNull(openQuote, "openQuote is null");
        Objects.requireNonNull(closeQuote, "closeQuote is null");
        if (separator.isEmpty() || openQuote.isEmpty() || closeQuote.isEmpty()) {
            throw new IllegalArgumentException("separator and quotes must not be empty");
        }
        if (separator.contains("\n") || separator.contains("\r")) {
            throw new IllegalArgumentException("the separator cannot contain a line break");
        }
    }
}
