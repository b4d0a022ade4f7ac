package org.fundwatch.screening;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.fundwatch.schema.CareSetting;
import org.fundwatch.schema.MedTypeSettings;

/**
 * The per-patient index of recent visits the in-JVM evaluator looks back on: loaded from a dataset at start-up and
 * updated when a settlement is accepted. Recording is idempotent by visit ({@code mdtrt_id}): a retried call or a
 * re-settlement replaces the visit, it never counts twice. Thread-safe.
 *
 * <p>Memory is bounded in two tiers. A visit is held whole for {@link #RECENT_DAYS} after the newest settlement
 * (the same-day rules need all its lines); then it is compacted to what the long look-backs need — stays keep
 * their dates and main diagnosis, any visit keeps only the lines of items a course limit or a prior-use or
 * same-day pair names — and an outpatient visit with none of those lines is dropped. Visits settled more than
 * {@code retentionDays} before the newest settlement age out altogether.
 */
public final class VisitHistory {
    /** Days a visit is held whole. */
    public static final int RECENT_DAYS = 2;

    private final int retentionDays;
    private final Map<String, Map<String, Held>> byPerson = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Key> toCompact = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Key> toExpire = new ConcurrentLinkedQueue<>();
    private final AtomicLong visits = new AtomicLong();
    private volatile LocalDateTime newest = LocalDateTime.MIN;
    private volatile Compaction compaction;
    /** One instance of each person, institution and code held, whatever number of visits share it. */
    private final Map<Object, Object> canonical = new ConcurrentHashMap<>();
    private final java.util.concurrent.locks.ReentrantLock aging = new java.util.concurrent.locks.ReentrantLock();

    /** A held visit, with the evaluator's view of it built once. */
    static final class Held {
        final VisitClaim claim;
        final boolean compacted;
        volatile VisitView view;

        Held(VisitClaim claim, boolean compacted) {
            this.claim = claim;
            this.compacted = compacted;
        }
    }

    /** What the long look-backs need: the items whose lines are kept, and the settings that tell stays apart. */
    record Compaction(Set<String> keptCodes, MedTypeSettings settings) {
    }

    private record Key(LocalDateTime setlTime, String psnNo, String mdtrtId) {
    }

    public VisitHistory(int retentionDays) {
        if (retentionDays < RECENT_DAYS) {
            throw new IllegalArgumentException("retention must be at least " + RECENT_DAYS + " days: " + retentionDays);
        }
        this.retentionDays = retentionDays;
    }

    public int retentionDays() {
        return retentionDays;
    }

    /** Set by the evaluator that uses this history; without it visits are held whole until they age out. */
    void compactWith(Compaction c) {
        this.compaction = c;
    }

    /** Records a settled visit (or a stay at its admission); returns false when the same visit was already held. */
    public boolean record(VisitClaim claim) {
        return record(claim, true);
    }

    /** Records the visit unless one with its {@code mdtrt_id} is held (an admission never hides a settlement). */
    boolean recordIfAbsent(VisitClaim claim) {
        return record(claim, false);
    }

    private boolean record(VisitClaim claim, boolean replace) {
        if (claim.setlTime().isAfter(newest)) {
            newest = claim.setlTime();
        }
        boolean[] held = {false};
        // compute() holds the person's bin: a visit recorded while the person's last visit ages out is not lost.
        byPerson.compute(claim.person().psnNo(), (psn, mine) -> {
            Map<String, Held> m = mine == null ? new LinkedHashMap<>() : mine;
            synchronized (m) {
                held[0] = m.containsKey(claim.mdtrtId());
                if (replace || !held[0]) {
                    m.put(claim.mdtrtId(), new Held(claim, false));
                }
            }
            return m;
        });
        if (held[0] && !replace) {
            return false;
        }
        boolean added = !held[0];
        if (added) {
            visits.incrementAndGet();
        }
        toCompact.add(new Key(claim.setlTime(), claim.person().psnNo(), claim.mdtrtId()));
        age();
        return added;
    }

    /** The person's visits held, by settlement time, without {@code exceptMdtrtId}. */
    List<Held> visitsOf(String psnNo, String exceptMdtrtId) {
        Map<String, Held> mine = byPerson.get(psnNo);
        if (mine == null) {
            return List.of();
        }
        List<Held> out;
        LocalDateTime horizon = newest.minusDays(retentionDays);
        synchronized (mine) {
            out = new ArrayList<>(mine.size());
            for (Held h : mine.values()) {
                if (!h.claim.mdtrtId().equals(exceptMdtrtId) && !h.claim.setlTime().isBefore(horizon)) {
                    out.add(h);
                }
            }
        }
        if (out.size() > 1) {
            out.sort(Comparator.comparing(h -> h.claim.setlTime()));
        }
        return out;
    }

    public int persons() {
        return byPerson.size();
    }

    /** Visits held. */
    public long visits() {
        return visits.get();
    }

    /**
     * Compacts the visits past the recent tier and drops those past retention, oldest first (keys are queued in
     * the order visits are recorded, about their settlement order). One thread ages at a time; the others go on.
     */
    private void age() {
        if (!aging.tryLock()) {
            return;
        }
        try {
            LocalDateTime recent = newest.minusDays(RECENT_DAYS);
            Key k;
            while ((k = toCompact.peek()) != null && k.setlTime().isBefore(recent)) {
                toCompact.poll();
                if (compact(k)) {
                    toExpire.add(k);
                }
            }
            LocalDateTime horizon = newest.minusDays(retentionDays);
            while ((k = toExpire.peek()) != null && k.setlTime().isBefore(horizon)) {
                toExpire.poll();
                remove(k);
            }
        } finally {
            aging.unlock();
        }
    }

    /** Whether the visit is still held (compacted) after compaction. */
    private boolean compact(Key k) {
        Compaction c = compaction;
        boolean[] held = {false};
        byPerson.computeIfPresent(k.psnNo(), (psn, mine) -> {
            synchronized (mine) {
                Held h = mine.get(k.mdtrtId());
                if (h == null || h.compacted || !h.claim.setlTime().equals(k.setlTime())) {
                    return mine; // gone, or replaced by a later record that has its own key
                }
                VisitClaim smaller = c == null ? h.claim : compacted(h.claim, c);
                if (smaller == null) {
                    mine.remove(k.mdtrtId());
                    visits.decrementAndGet();
                } else {
                    mine.put(k.mdtrtId(), new Held(smaller, true));
                    held[0] = true;
                }
                return mine.isEmpty() ? null : mine;
            }
        });
        return held[0];
    }

    /** The visit with only what the long look-backs read, or null when they read nothing of it. */
    private VisitClaim compacted(VisitClaim whole, Compaction c) {
        List<ClaimLine> kept = new ArrayList<>(0);
        for (ClaimLine l : whole.lines()) {
            if (c.keptCodes().contains(l.code())) {
                kept.add(l);
            }
        }
        boolean stay = c.settings().settingOf(whole.medType()) == CareSetting.INPATIENT;
        if (!stay && kept.isEmpty()) {
            return null;
        }
        return new VisitClaim(canonical(whole.person()), canonical(whole.institution()), whole.mdtrtId(),
                canonical(whole.medType()), canonical(whole.insutype()), whole.begntime(), whole.endtime(),
                whole.setlId(), whole.setlTime(), whole.fundAmt(), whole.maindiagCode(), List.of(), List.copyOf(kept));
    }

    @SuppressWarnings("unchecked")
    private <T> T canonical(T value) {
        return (T) canonical.computeIfAbsent(value, v -> v);
    }

    private void remove(Key k) {
        byPerson.computeIfPresent(k.psnNo(), (psn, mine) -> {
            synchronized (mine) {
                Held h = mine.get(k.mdtrtId());
                if (h != null && h.claim.setlTime().equals(k.setlTime())) {
                    mine.remove(k.mdtrtId());
                    visits.decrementAndGet();
                }
                return mine.isEmpty() ? null : mine;
            }
        });
    }
}
