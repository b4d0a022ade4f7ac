package org.fundwatch.kb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A set of ICD-10 code prefixes without dots (E11, B181), kept sorted, without duplicates and without a prefix that
 * a shorter one already covers, so that equal sets print equal values.
 */
record IcdPrefixes(List<String> codes) {

    /** A prefix as stored: a letter, two digits, then up to three more characters, no dot. */
    static final Pattern PREFIX = Pattern.compile("[A-Z][0-9]{2}[0-9A-Z]{0,3}");

    IcdPrefixes {
        codes = List.copyOf(codes);
    }

    /** The prefixes of a {@code |}-joined value; each must match {@link #PREFIX}. */
    static IcdPrefixes parse(String joined) {
        List<String> codes = new ArrayList<>();
        for (String code : joined.split("\\|", -1)) {
            if (!PREFIX.matcher(code).matches()) {
                throw new IllegalArgumentException("not an ICD-10 prefix without dot: '" + code + "'");
            }
            codes.add(code);
        }
        return of(codes);
    }

    static IcdPrefixes of(Collection<String> codes) {
        List<String> kept = new ArrayList<>();
        for (String code : new TreeSet<>(codes)) {
            // sorted order puts a prefix right before the codes it covers
            if (kept.isEmpty() || !code.startsWith(kept.get(kept.size() - 1))) {
                kept.add(code);
            }
        }
        return new IcdPrefixes(kept);
    }

    IcdPrefixes union(IcdPrefixes other) {
        List<String> all = new ArrayList<>(codes);
        all.addAll(other.codes);
        return of(all);
    }

    /** The {@code lmt_value} of an INDICATION point. */
    String value() {
        return String.join("|", codes);
    }
}
