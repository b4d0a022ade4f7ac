package org.fundwatch.kb;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RestrictionParser} made of one catalog entry: the knowledge points it could read and the clauses it
 * could not.
 *
 * @param entry    the catalog entry
 * @param limits   the knowledge points, at most one per {@link LimitType}, in the order of the type
 * @param unparsed the clauses (or remainders of clauses) that gave no knowledge point, normalised (full-width
 *                 characters folded, spaces removed), in the order of the text; a clause that gave nothing at all
 *                 is reported whole, with its {@code 限}
 */
public record ParsedRestriction(CatalogRestriction entry, List<ItemLimit> limits, List<String> unparsed) {

    /** How much of a restriction text was understood. */
    public enum Outcome {
        /** The entry has no restriction text. */
        NO_RESTRICTION,
        /** Every clause gave knowledge points. */
        PARSED,
        /** Some knowledge points, and some clauses unparsed. */
        PARTIALLY_PARSED,
        /** Nothing could be read. */
        NOT_PARSED
    }

    public ParsedRestriction {
        Objects.requireNonNull(entry, "entry is null");
        limits = List.copyOf(limits);
        unparsed = List.copyOf(unparsed);
    }

    public Outcome outcome() {
        if (unparsed.isEmpty()) {
            return limits.isEmpty() ? Outcome.NO_RESTRICTION : Outcome.PARSED;
        }
        return limits.isEmpty() ? Outcome.NOT_PARSED : Outcome.PARTIALLY_PARSED;
    }

    /** The knowledge point of that type, if the text gave one. */
    public Optional<ItemLimit> limit(LimitType type) {
        return limits.stream().filter(l -> l.type() == type).findFirst();
    }
}
