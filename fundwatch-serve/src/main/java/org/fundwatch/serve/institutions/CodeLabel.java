package org.fundwatch.serve.institutions;

import org.fundwatch.schema.CodeSet;

/**
 * The label of a coded value of the exchange format (定点类型 {@code fixmedins_type}, 医疗机构等级 {@code medins_lv})
 * in both languages, from the code set's "中文 English" label; a code outside the set is shown as it is, an absent
 * one as nothing.
 */
record CodeLabel(String zh, String en) {
    static final CodeLabel NONE = new CodeLabel("", "");

    static CodeLabel of(CodeSet set, String code) {
        if (code == null || code.isEmpty()) {
            return NONE;
        }
        String label = set.labels().get(code);
        if (label == null) {
            return new CodeLabel(code, code);
        }
        int space = label.indexOf(' ');
        return space < 0 ? new CodeLabel(label, label)
                : new CodeLabel(label.substring(0, space), label.substring(space + 1));
    }
}
