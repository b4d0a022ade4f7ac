package org.fundwatch.screening;

import java.time.LocalDate;

/** What a template needs to write its query: the dialect and the report window (dates inclusive). */
record CompileContext(SqlDialect dialect, LocalDate from, LocalDate to) {

    /** {@code expr BETWEEN from AND to} for a DATE expression. */
    String inWindow(String dateExpression) {
        return dateExpression + " BETWEEN " + dialect.date(from) + " AND " + dialect.date(to);
    }

    /** Age in whole years of someone born on {@code birth} on {@code day} (both DATE). */
    static String ageOn(String birth, String day) {
        return "(year(" + day + ") - year(" + birth + ") - CASE WHEN month(" + day + ") * 100 + day(" + day
                + ") < month(" + birth + ") * 100 + day(" + birth + ") THEN 1 ELSE 0 END)";
    }

    /** A validated code as a SQL string literal. */
    static String literal(String code) {
        if (!code.matches("[A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("not a code: " + code);
        }
        return "'" + code + "'";
    }

    /** {@code ('a', 'b')} in sorted order, so that the SQL is the same on every run. */
    static String inList(java.util.Collection<String> codes) {
        return "(" + String.join(", ", codes.stream().sorted().map(CompileContext::literal).toList()) + ")";
    }
}
