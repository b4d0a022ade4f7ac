package org.fundwatch.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code labels.csv} (FORMAT.md §Labels: one row per planted case, multi-valued keys joined by {@code |}) and
 * {@code near_misses.csv} (the same columns plus {@code description}: planted cases that must not fire) and
 * {@code bad_actors.csv} (the institutions planted with many violations, which the risk ranking must put first).
 */
final class LabelSink implements AutoCloseable {

    /** The columns of labels.csv as FORMAT.md §Labels lists them. */
    static final List<String> COLUMNS = List.of("vola_bhvr_type", "feedetl_sn", "mdtrt_id", "psn_no", "certno",
            "fixmedins_code", "hilist_code", "period");

    /** The columns of bad_actors.csv: a planted bad institution and the cases planted on it. */
    static final List<String> BAD_ACTOR_COLUMNS = List.of("fixmedins_code", "cases", "description");

    private final CsvTable labels;
    private final CsvTable nearMisses;
    private final CsvTable badActors;
    final Map<String, Long> perType = new TreeMap<>();

    LabelSink(Path dir) throws IOException {
        labels = new CsvTable(dir.resolve("labels.csv"), "labels", COLUMNS);
        List<String> withDescription = new java.util.ArrayList<>(COLUMNS);
        withDescription.add("description");
        nearMisses = new CsvTable(dir.resolve("near_misses.csv"), "near_misses", withDescription);
        badActors = new CsvTable(dir.resolve("bad_actors.csv"), "bad_actors", BAD_ACTOR_COLUMNS);
    }

    /** A bad actor (an institution with many violations, for the risk ranking's evaluation). */
    void badActor(String code, int cases, String description) throws IOException {
        badActors.str(0, code).str(1, String.valueOf(cases)).str(2, description).end();
    }

    void label(Case c) throws IOException {
        write(labels, c, false);
        perType.merge(c.type, 1L, Long::sum);
    }

    void nearMiss(Case c) throws IOException {
        write(nearMisses, c, true);
    }

    long nearMisses() {
        return nearMisses.rows();
    }

    private static void write(CsvTable t, Case c, boolean description) throws IOException {
        t.str(0, c.type).str(1, String.join("|", c.sns)).str(2, String.join("|", c.mdtrts))
                .str(3, String.join("|", c.psns)).str(4, String.join("|", c.certnos))
                .str(5, String.join("|", c.institutions)).str(6, String.join("|", c.items)).str(7, c.period);
        if (description) {
            t.str(8, c.description);
        }
        t.end();
    }

    @Override
    public void close() throws IOException {
        labels.close();
        nearMisses.close();
        badActors.close();
    }
}
