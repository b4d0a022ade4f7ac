package org.fundwatch.workflow.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ComputedOnChangeTest {

    @Test
    void computesOncePerStampAndAgainWhenTheStampMoves() {
        ComputedOnChange<StoreStamp, Integer> latest = new ComputedOnChange<>();
        AtomicInteger computed = new AtomicInteger();
        StoreStamp before = new StoreStamp(10, 2, 0);
        assertThat(latest.at(before, computed::incrementAndGet)).isEqualTo(1);
        assertThat(latest.at(new StoreStamp(10, 2, 0), computed::incrementAndGet)).isEqualTo(1);
        assertThat(latest.at(new StoreStamp(11, 2, 0), computed::incrementAndGet)).as("a logged change").isEqualTo(2);
        assertThat(latest.at(new StoreStamp(11, 2, 1), computed::incrementAndGet)).as("a ledger entry").isEqualTo(3);
        assertThat(latest.at(before, computed::incrementAndGet)).as("only the last value is kept").isEqualTo(4);
        assertThat(computed).hasValue(4);
    }
}
