package org.fundwatch.serve.dashboard;

import java.time.LocalDate;
import java.util.Objects;
import org.fundwatch.serve.dashboard.DashboardQueries.Figures;
import org.fundwatch.serve.dashboard.DashboardQueries.Stamp;

/**
 * The dashboard's figures as of the store's last change: computed again only when the {@link Stamp} moved, so that
 * a view costs three index look-ups while nothing happens, however many findings there are. Aggregating a million
 * findings takes seconds, not the 300 ms a page may take; once per change of the store it is paid by one view,
 * and views that arrive meanwhile wait for it rather than start it again. A change made around the workflow (an
 * UPDATE by hand) shows with the next logged one.
 */
final class LatestFigures {
    private final DashboardQueries queries;
    private final int topInstitutions;
    private volatile Snapshot last;

    private record Snapshot(Stamp stamp, Figures figures) {
    }

    LatestFigures(DashboardQueries queries, int topInstitutions) {
        this.queries = Objects.requireNonNull(queries, "queries is null");
        this.topInstitutions = topInstitutions;
    }

    Figures at(LocalDate today) {
        Stamp now = queries.stamp(today);
        Snapshot s = last;
        if (s != null && s.stamp().equals(now)) {
            return s.figures();
        }
        synchronized (this) {
            s = last;
            if (s != null && s.stamp().equals(now)) {
                return s.figures();
            }
            // the stamp is read before the figures: a change committed in between is in the figures and moves the
            // stamp again, so that the next view computes once more rather than keeping stale figures
            Figures figures = queries.figures(today, topInstitutions);
            last = new Snapshot(now, figures);
            return figures;
        }
    }
}
