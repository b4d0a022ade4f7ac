package org.fundwatch.synth;

import java.util.ArrayList;
import java.util.List;

/** A planted case (labels.csv) or near-miss (near_misses.csv): its type and the keys of its grain. */
final class Case {
    final String type;
    final List<String> sns = new ArrayList<>(2);
    final List<String> mdtrts = new ArrayList<>(2);
    final List<String> psns = new ArrayList<>(2);
    final List<String> certnos = new ArrayList<>(1);
    final List<String> institutions = new ArrayList<>(1);
    final List<String> items = new ArrayList<>(1);
    String period;
    String description = "";

    Case(String type) {
        this.type = type;
    }

    Case sn(String v) {
        sns.add(v);
        return this;
    }

    Case mdtrt(String v) {
        mdtrts.add(v);
        return this;
    }

    Case psn(String v) {
        if (!psns.contains(v)) {
            psns.add(v);
        }
        return this;
    }

    Case certno(String v) {
        certnos.add(v);
        return this;
    }

    Case institution(String v) {
        institutions.add(v);
        return this;
    }

    Case item(String v) {
        if (!items.contains(v)) {
            items.add(v);
        }
        return this;
    }

    Case period(String v) {
        period = v;
        return this;
    }

    Case describe(String v) {
        description = v;
        return this;
    }
}
