package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The allocation-free date arithmetic of the parser and the staging writer agrees with {@code java.time}. */
class TestCivilDays {

    @Property(tries = 2000)
    void daysFromCivilMatchesJavaTime(@ForAll @LongRange(min = -25567, max = 376199) long epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay); // 1900-01-01 … 2999-12-31
        assertThat(FieldParser.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                .isEqualTo((int) epochDay);
    }

    @Property(tries = 2000)
    void canonicalTextWritesTheDateJavaTimeWrites(@ForAll @LongRange(min = -25567, max = 376199) long epochDay) {
        StringBuilder sb = new StringBuilder();
        CanonicalText.date(sb, epochDay);
        assertThat(sb.toString()).isEqualTo(LocalDate.ofEpochDay(epochDay).toString());
    }
}
