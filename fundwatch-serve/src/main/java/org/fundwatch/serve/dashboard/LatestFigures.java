package org.fundwatch.serve.dashboard;

import java.time.LocalDate;
import java.util.Objects;
import org.fundwatch.serve.dashboard.DashboardQueries.Figures;
import org.fundwatch.workflow.store.ComputedOnChange;
import org.fundwatch.workflow.store.StoreStamp;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's figures as of the store's last change and the day (what is overdue moves with it): computed again
 * only when either moved ({@link ComputedOnChange}).
 */
final class LatestFigures {
    private final JdbcClient jdbc;
    private final DashboardQueries queries;
    private final int topInstitutions;
    private final ComputedOnChange<Stamp, Figures> latest = new ComputedOnChange<>();

    private record Stamp(StoreStamp store, LocalDate today) {
    }

    LatestFigures(JdbcClient jdbc, int topInstitutions) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc is null");
        this.queries = new DashboardQueries(jdbc);
        this.topInstitutions = topInstitutions;
    }

    Figures at(LocalDate today) {
        return latest.at(new Stamp(StoreStamp.read(jdbc), today), () -> queries.figures(today, topInstitutions));
    }
}
