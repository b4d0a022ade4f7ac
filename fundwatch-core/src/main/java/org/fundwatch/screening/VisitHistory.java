package org.fundwatch.screening;

import java.time.LocalDateTime;
import java.util.ArrayList;
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
 * same-day pair names — and an outpatient visit with none of those lines is kept as a header (date, payment) for
 * the visit-count windows, then dropped. Visits settled more than {@code retentionDays} before the newest
 * settlement age out altogether.
 */
public final class VisitHistory {
    /** Days a visit is held whole. */
    public static final int RECENT_DAYS = 2;

    private final int retentionDays;
    /** Person → visits by settlement time, an immutable array replaced on change: reviews read without a lock. */
    private final Map<String, Held[]> byPerson = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Key> toCompact = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Key> toExpire = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Key> headersToDrop = new ConcurrentLinkedQueue<>();
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

    /**
     * What the long look-backs need: the items whose lines are kept, the settings that tell stays apart, and how
     * long an outpatient visit with none of those lines is kept as a header (0: dropped at once).
     */
    record Compaction(Set<String> keptCodes, MedTypeSettings settings, int headerDays) {
    }

    /** What compaction left of a visit. */
    private enum Left { GONE, HEADER, KEPT }

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
        return record(claim, false, null);
    }

    /** Records a settled visit with the evaluator's view of it, built by its review. */
    boolean record(VisitClaim claim, VisitView view) {
        return record(claim, true, view);
    }

    private boolean record(VisitClaim claim, boolean replace) {
        return record(claim, replace, null);
    }

    private boolean record(VisitClaim claim, boolean replace, VisitView view) {
        if (claim.setlTime().isAfter(newest)) {
            newest = claim.setlTime();
        }
        boolean[] held = {false};
        // compute() holds the person's bin: a visit recorded while the person's last visit ages out is not lost.
        byPerson.compute(claim.person().psnNo(), (psn, mine) -> {
            Held[] m = mine == null ? new Held[0] : mine;
            held[0] = indexOf(m, claim.mdtrtId()) >= 0;
            if (!replace && held[0]) {
                return m;
            }
            Held h = new Held(claim, false);
            h.view = view;
            return with(m, h);
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
        Held[] mine = byPerson.get(psnNo);
        if (mine == null) {
            return List.of();
        }
        LocalDateTime horizon = newest.minusDays(retentionDays);
        List<Held> out = new ArrayList<>(mine.length);
        for (Held h : mine) {
            if (!h.claim.mdtrtId().equals(exceptMdtrtId) && !h.claim.setlTime().isBefore(horizon)) {
                out.add(h);
            }
        }
        return out;
    }

    private static int indexOf(Held[] visits, String mdtrtId) {
        for (int i = 0; i < visits.length; i++) {
            if (visits[i].claim.mdtrtId().equals(mdtrtId)) {
                return i;
            }
        }
        return -1;
    }

    /** The visits with {@code h} in its place by settlement time, replacing a visit of the same id. */
    private static Held[] with(Held[] visits, Held h) {
        Held[] rest = without(visits, indexOf(visits, h.claim.mdtrtId()));
        int at = rest.length;
        while (at > 0 && rest[at - 1].claim.setlTime().isAfter(h.claim.setlTime())) {
            at--;
        }
        Held[] out = new Held[rest.length + 1];
        System.arraycopy(rest, 0, out, 0, at);
        out[at] = h;
        System.arraycopy(rest, at, out, at + 1, rest.length - at);
        return out;
    }

    private static Held[] without(Held[] visits, int i) {
        if (i < 0) {
            return visits;
        }
        Held[] out = new Held[visits.length - 1];
        System.arraycopy(visits, 0, out, 0, i);
        System.arraycopy(visits, i + 1, out, i, visits.length - i - 1);
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
                switch (compact(k)) {
                    case KEPT -> toExpire.add(k);
                    case HEADER -> headersToDrop.add(k);
                    case GONE -> { }
                }
            }
            Compaction c = compaction;
            LocalDateTime headers = newest.minusDays(c == null ? retentionDays : c.headerDays());
            while ((k = headersToDrop.peek()) != null && k.setlTime().isBefore(headers)) {
                headersToDrop.poll();
                remove(k);
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

    /** Compacts one visit; what is left of it. */
    private Left compact(Key k) {
        Compaction c = compaction;
        Left[] left = {Left.GONE};
        byPerson.computeIfPresent(k.psnNo(), (psn, mine) -> {
            int i = indexOf(mine, k.mdtrtId());
            Held h = i < 0 ? null : mine[i];
            if (h == null || h.compacted || !h.claim.setlTime().equals(k.setlTime())) {
                return mine; // gone, or replaced by a later record that has its own key
            }
            VisitClaim smaller = c == null ? h.claim : compacted(h.claim, c);
            if (smaller == null) {
                visits.decrementAndGet();
                Held[] rest = without(mine, i);
                return rest.length == 0 ? null : rest;
            }
            left[0] = c != null && smaller.lines().isEmpty()
                    && c.settings().settingOf(smaller.medType()) != CareSetting.INPATIENT ? Left.HEADER : Left.KEPT;
            Held[] copy = mine.clone();
            copy[i] = new Held(smaller, true);
            return copy;
        });
        return left[0];
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
        if (!stay && kept.isEmpty() && c.headerDays() <= RECENT_DAYS) {
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
            int i = indexOf(mine, k.mdtrtId());
            if (i < 0 || !mine[i].claim.setlTime().equals(k.setlTime())) {
                return mine;
            }
            visits.decrementAndGet();
            Held[] rest = without(mine, i);
            return rest.length == 0 ? null : rest;
        });
    }
}
