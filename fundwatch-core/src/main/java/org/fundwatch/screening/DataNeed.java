package org.fundwatch.screening;

import java.util.Optional;

/**
 * Something a rule needs from the dataset: a table that must be present and, optionally, a count query over the
 * shared relations that must be above zero (e.g. knowledge points of the rule's limit type).
 */
public record DataNeed(String table, Optional<String> countQuery, String description) {

    static DataNeed table(String table) {
        return new DataNeed(table, Optional.empty(), "table " + table + " is absent from the dataset");
    }

    static DataNeed limitType(String lmtType) {
        return new DataNeed("kb_item_limit", Optional.of(
                "SELECT count(*) FROM fw_kp_limit WHERE lmt_type = '" + lmtType + "'"),
                "no knowledge point of lmt_type " + lmtType + " in kb_item_limit");
    }

    static DataNeed pairRelation(String relation) {
        return new DataNeed("kb_item_pair", Optional.of(
                "SELECT count(*) FROM fw_kp_pair WHERE relation = '" + relation + "'"),
                "no knowledge point of relation " + relation + " in kb_item_pair");
    }

    static DataNeed query(String table, String countQuery, String description) {
        return new DataNeed(table, Optional.of(countQuery), description);
    }
}
