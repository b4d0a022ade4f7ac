package org.fundwatch.screening;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Something a rule needs from the dataset: a table that must be present and, optionally, a count query over the
 * shared relations that must be above zero (e.g. knowledge points of the rule's limit type). The same need is
 * checked in memory against the {@link Knowledge} of the real-time evaluator, so that a rule that cannot decide
 * anything is reported as not run on both paths instead of flagging every line.
 */
public final class DataNeed {
    private final String table;
    private final Optional<String> countQuery;
    private final String description;
    private final Predicate<Knowledge> inMemory;

    private DataNeed(String table, Optional<String> countQuery, String description, Predicate<Knowledge> inMemory) {
        this.table = table;
        this.countQuery = countQuery;
        this.description = description;
        this.inMemory = inMemory;
    }

    public String table() {
        return table;
    }

    public Optional<String> countQuery() {
        return countQuery;
    }

    public String description() {
        return description;
    }

    /** Whether the knowledge held in memory meets the need. */
    boolean metBy(Knowledge kb) {
        return inMemory.test(kb);
    }

    static DataNeed table(String table, Predicate<Knowledge> inMemory) {
        return new DataNeed(table, Optional.empty(), "table " + table + " is absent from the dataset", inMemory);
    }

    static DataNeed limitType(String lmtType) {
        return new DataNeed("kb_item_limit", Optional.of(
                "SELECT count(*) FROM fw_kp_limit WHERE lmt_type = '" + lmtType + "'"),
                "no knowledge point of lmt_type " + lmtType + " in kb_item_limit", kb -> kb.hasLimitType(lmtType));
    }

    static DataNeed pairRelation(String relation) {
        return new DataNeed("kb_item_pair", Optional.of(
                "SELECT count(*) FROM fw_kp_pair WHERE relation = '" + relation + "'"),
                "no knowledge point of relation " + relation + " in kb_item_pair", kb -> kb.hasPairRelation(relation));
    }

    static DataNeed query(String table, String countQuery, String description, Predicate<Knowledge> inMemory) {
        return new DataNeed(table, Optional.of(countQuery), description, inMemory);
    }
}
