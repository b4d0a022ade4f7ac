package org.fundwatch.workflow.store;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value over the whole store computed again only when its stamp moved (usually a {@link StoreStamp}), so that a
 * view costs the stamp's look-ups while nothing happens, however many findings there are. Aggregating a million
 * findings takes seconds, not the 300 ms a page may take; once per change of the store it is paid by one view, and
 * views that arrive meanwhile wait for it rather than start it again. A change made around the workflow (an UPDATE
 * by hand) shows with the next logged one.
 *
 * @param <S> the stamp: a value with equals
 * @param <V> the value computed
 */
public final class ComputedOnChange<S, V> {
    private volatile Snapshot<S, V> last;

    private record Snapshot<S, V>(S stamp, V value) {
    }

    /**
     * The value as of {@code now}. Read the stamp before computing: a change committed in between is in the value and
     * moves the stamp again, so that the next view computes once more rather than keeping a stale value.
     */
    public V at(S now, Supplier<V> compute) {
        Objects.requireNonNull(now, "now is null");
        Snapshot<S, V> s = last;
        if (s != null && s.stamp().equals(now)) {
            return s.value();
        }
        synchronized (this) {
            s = last;
            if (s != null && s.stamp().equals(now)) {
                return s.value();
            }
            V value = compute.get();
            last = new Snapshot<>(now, value);
            return value;
        }
    }
}
