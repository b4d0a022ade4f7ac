package org.fundwatch.screening;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The in-JVM twin of {@link RawSelect}: builds a {@link RawRow} from a fee line or a visit of a claim, writing each
 * value as the batch engine's cast to its raw column type would (dates ISO, times {@code yyyy-MM-dd HH:mm:ss},
 * amounts with two decimals rounded half away from zero), so that both paths explain and identify alike.
 */
final class InstantRow {
    private static final List<String> NAMES = RawRow.columns();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final String[] values = new String[NAMES.size()];

    private InstantRow() {
    }

    /** A fee line as the violating line (role 1), its exposure as the amount. */
    static InstantRow line(LineView l) {
        InstantRow r = visitColumns(l.visit());
        r.set("setl_id", l.visit().claim().setlId().orElse(null)).set("feedetl_sn", l.sn())
                .set("hilist_code", l.code()).set("hilist_name", l.hilistName())
                .set("occur_time", l.feeTime()).set("occur_date", l.visit().setlDate())
                .set("vola_amt", l.exposed()).set("line_sn", l.sn()).set("line_role", 1)
                .set("line_amt", l.exposed());
        return r;
    }

    /** The visit as a whole, its fund payment as the amount, no line named. */
    static InstantRow visit(VisitView v) {
        InstantRow r = visitColumns(v);
        r.set("setl_id", v.claim().setlId().orElse(null)).set("occur_time", v.claim().begntime())
                .set("occur_date", v.setlDate()).set("vola_amt", v.claim().fundAmt());
        return r;
    }

    /** A row with no column set (the batch {@code RawSelect.empty()}). */
    static InstantRow empty() {
        return new InstantRow();
    }

    /** A person's finding: the person's columns only (the batch {@code RawSelect.empty()} with the person's). */
    static InstantRow person(VisitView v) {
        VisitClaim c = v.claim();
        InstantRow r = new InstantRow();
        r.set("psn_no", c.person().psnNo()).set("certno", c.person().certno().orElse(null))
                .set("insutype", c.insutype());
        return r;
    }

    private static InstantRow visitColumns(VisitView v) {
        VisitClaim c = v.claim();
        InstantRow r = new InstantRow();
        r.set("psn_no", c.person().psnNo()).set("certno", c.person().certno().orElse(null))
                .set("mdtrt_id", c.mdtrtId())
                .set("fixmedins_code", c.institution().code()).set("insutype", c.insutype())
                .set("fixmedins_type", c.institution().type().orElse(null))
                .set("medins_lv", c.institution().level().orElse(null)).set("med_type", c.medType())
                .set("setting", v.setting().name());
        return r;
    }

    InstantRow set(String column, Object value) {
        int i = NAMES.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("not a raw column: " + column);
        }
        values[i] = format(column, value);
        return this;
    }

    /** The same finding naming another line as involved (涉及项, role 2) with no amount of its own. */
    InstantRow involvedLine(LineView other) {
        InstantRow r = copy();
        r.set("line_sn", other.sn()).set("line_role", 2).set("line_amt", BigDecimal.ZERO);
        return r;
    }

    InstantRow copy() {
        InstantRow r = new InstantRow();
        System.arraycopy(values, 0, r.values, 0, values.length);
        return r;
    }

    RawRow build() {
        return new RawRow(values);
    }

    private static String format(String column, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return RawColumns.TYPES.get(column).startsWith("DECIMAL(18,2)")
                    ? d.setScale(2, RoundingMode.HALF_UP).toPlainString() : d.toPlainString();
        }
        if (value instanceof LocalDateTime t) {
            return TIME.format(t);
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        return value.toString();
    }
}
