package org.fundwatch.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A clock the test moves, in local time of a fixed zone. */
public final class TestingClock extends Clock {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private Instant now;

    public TestingClock(LocalDateTime start) {
        this.now = start.atZone(ZONE).toInstant();
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    public void set(LocalDateTime t) {
        now = t.atZone(ZONE).toInstant();
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the testing clock keeps its zone");
    }

    @Override
    public Instant instant() {
        return now;
    }

}
