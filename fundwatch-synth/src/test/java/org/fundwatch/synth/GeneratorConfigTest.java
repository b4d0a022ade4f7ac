package org.fundwatch.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;

class GeneratorConfigTest {

    @Test
    void defaultsToCsvStartingJanuary2026() {
        GeneratorConfig c = new GeneratorConfig(1000, 12, 7);
        assertThat(c.start()).isEqualTo(YearMonth.of(2026, 1));
        assertThat(c.format()).isEqualTo(GeneratorConfig.OutputFormat.CSV);
    }

    @Test
    void rejectsFewerThanOneHundredPersons() {
        assertThatThrownBy(() -> new GeneratorConfig(99, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("persons");
    }

    @Test
    void rejectsMonthsOutsideOneToThirtySix() {
        assertThatThrownBy(() -> new GeneratorConfig(100, 0, 1)).hasMessageContaining("months");
        assertThatThrownBy(() -> new GeneratorConfig(100, 37, 1)).hasMessageContaining("months");
        assertThat(new GeneratorConfig(100, 36, 1).months()).isEqualTo(36);
    }
}
