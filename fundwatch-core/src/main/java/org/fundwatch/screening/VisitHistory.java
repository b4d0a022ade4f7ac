package org.fundwatch.screening;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-patient index of recent visits the in-JVM evaluator looks back on: loaded from a dataset at start-up and
 * updated when a settlement is accepted. Recording is idempotent by visit ({@code mdtrt_id}): a retried call or a
 * re-settlement replaces the visit, it never counts twice. Visits settled more than {@code retentionDays} before
 * the newest one age out, so memory is bounded by the longest window a rule needs. Thread-safe.
 */
public final class VisitHistory {
    private final int retentionDays;
    private final Map<String, Map<String, VisitClaim>> byPerson = new ConcurrentHashMap<>();
    private final AtomicLong visits = new AtomicLong();
    private volatile LocalDateTime newest = LocalDateTime.MIN;

    public VisitHistory(int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retention must be at least one day: " + retentionDays);
        }
        this.retentionDays = retentionDays;
    }

    public int retentionDays() {
        return retentionDays;
    }

    /** Records a settled visit; returns false when the same visit was already held (it is then replaced). */
    public boolean record(VisitClaim claim) {
        if (claim.setlTime().isAfter(newest)) {
            newest = claim.setlTime();
        }
        Map<String, VisitClaim> mine = byPerson.computeIfAbsent(claim.person().psnNo(), k -> new LinkedHashMap<>());
        synchronized (mine) {
            LocalDateTime horizon = newest.minusDays(retentionDays);
            int before = mine.size();
            mine.values().removeIf(v -> v.setlTime().isBefore(horizon));
            boolean added = mine.put(claim.mdtrtId(), claim) == null;
            visits.addAndGet(mine.size() - before);
            return added;
        }
    }

    /** The person's visits held, by settlement time, without {@code exceptMdtrtId}. */
    List<VisitClaim> visitsOf(String psnNo, String exceptMdtrtId) {
        Map<String, VisitClaim> mine = byPerson.get(psnNo);
        if (mine == null) {
            return List.of();
        }
        List<VisitClaim> out;
        synchronized (mine) {
            out = new ArrayList<>(mine.size());
            LocalDateTime horizon = newest.minusDays(retentionDays);
            for (VisitClaim v : mine.values()) {
                if (!v.mdtrtId().equals(exceptMdtrtId) && !v.setlTime().isBefore(horizon)) {
                    out.add(v);
                }
            }
        }
        out.sort(Comparator.comparing(VisitClaim::setlTime));
        return out;
    }

    public int persons() {
        return byPerson.size();
    }

    /** Visits held (approximate while records run concurrently). */
    public long visits() {
        return visits.get();
    }
}
