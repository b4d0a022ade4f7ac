package org.fundwatch.duckdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.schema.CareSetting;
import org.fundwatch.schema.MedTypeSettings;
import org.fundwatch.screening.ClaimLine;
import org.fundwatch.screening.Knowledge;
import org.fundwatch.screening.ScreeningPlan;
import org.fundwatch.screening.VisitClaim;
import org.fundwatch.screening.VisitHistory;

/**
 * Reads a dataset for the in-JVM evaluator: the knowledge base, and every visit as a {@link VisitClaim} in
 * settlement order, built from the batch engine's own shared relations ({@code fw_visit}, {@code fw_line}) so that
 * reversals, refunds, the care setting and the main diagnosis mean the same on both paths.
 */
public final class InstantData {

    private InstantData() {
    }

    /**
     * The catalog, knowledge points and approvals of a dataset, its death and custody registries, the institutions'
     * sites and the enrolments of ID numbers enrolled more than once.
     */
    public static Knowledge knowledge(Path dataset) throws IOException {
        return withSession(dataset, s -> {
            Connection c = s.connection();
            List<Knowledge.CatalogEntry> catalog = new ArrayList<>();
            query(c, "SELECT hilist_code, hilist_name, list_type, chrgitm_lv, hilist_pric_uplmt_amt, begndate, enddate"
                    + " FROM med_list", rs -> catalog.add(new Knowledge.CatalogEntry(rs.getString(1), rs.getString(2),
                    rs.getString(3), text(rs, 4), decimal(rs, 5), date(rs, 6).orElseThrow(), date(rs, 7))));
            List<Knowledge.LimitPoint> limits = new ArrayList<>();
            query(c, "SELECT kp_id, hilist_code, lmt_type, lmt_value, begndate, enddate, basis FROM kb_item_limit",
                    rs -> limits.add(new Knowledge.LimitPoint(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), date(rs, 5), date(rs, 6), text(rs, 7))));
            List<Knowledge.PairPoint> pairs = new ArrayList<>();
            query(c, "SELECT kp_id, hilist_code_a, hilist_code_b, relation, scope, begndate, enddate, basis"
                    + " FROM kb_item_pair", rs -> pairs.add(new Knowledge.PairPoint(rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4), text(rs, 5), date(rs, 6), date(rs, 7), text(rs, 8))));
            List<Knowledge.Approval> approvals = new ArrayList<>();
            query(c, "SELECT aprv_no, psn_no, hilist_code, vola_bhvr_type, begndate, enddate FROM psn_approval",
                    rs -> approvals.add(new Knowledge.Approval(rs.getString(1), rs.getString(2), text(rs, 3),
                            text(rs, 4), date(rs, 5).orElseThrow(), date(rs, 6))));
            List<Knowledge.Death> deaths = new ArrayList<>();
            query(c, "SELECT certno, die_date, src FROM ext_death", rs -> deaths.add(new Knowledge.Death(rs.getString(1),
                    date(rs, 2).orElseThrow(), text(rs, 3))));
            List<Knowledge.Custody> custody = new ArrayList<>();
            query(c, "SELECT certno, begndate, enddate, src FROM ext_custody", rs -> custody.add(new Knowledge.Custody(
                    rs.getString(1), date(rs, 2).orElseThrow(), date(rs, 3), text(rs, 4))));
            List<Knowledge.Site> sites = new ArrayList<>();
            query(c, "SELECT fixmedins_code, CAST(lat AS DOUBLE), CAST(lon AS DOUBLE) FROM medins_info"
                    + " WHERE lat IS NOT NULL AND lon IS NOT NULL", rs -> sites.add(new Knowledge.Site(rs.getString(1),
                    rs.getDouble(2), rs.getDouble(3))));
            List<Knowledge.Enrolment> enrolments = new ArrayList<>();
            query(c, "SELECT psn_no, certno, insutype, insu_begndate, insu_enddate FROM psn_info WHERE certno IN"
                    + " (SELECT certno FROM psn_info GROUP BY certno HAVING count(*) > 1)", rs -> enrolments.add(
                    new Knowledge.Enrolment(rs.getString(1), rs.getString(2), rs.getString(3),
                            date(rs, 4).orElseThrow(), date(rs, 5))));
            return new Knowledge(catalog, limits, pairs, approvals).withRegistries(deaths, custody, sites)
                    .withEnrolments(enrolments);
        });
    }

    /**
     * Every visit of the dataset (cancelled ones excluded, lines net of refunds) in settlement order, then by
     * {@code mdtrt_id}; streamed, so a dataset larger than memory can be replayed.
     */
    public static void forEachClaim(Path dataset, Consumer<VisitClaim> sink) throws IOException {
        withSession(dataset, s -> {
            String sql = """
                    WITH dg AS (SELECT mdtrt_id, list(diag_code ORDER BY diag_code) AS codes FROM diseinfo GROUP BY mdtrt_id)
                    SELECT v.mdtrt_id, v.psn_no, v.certno, v.gend, v.brdy, v.fixmedins_code, v.fixmedins_type,
                           v.medins_lv, v.med_type, v.insutype, v.begntime, v.endtime, v.setl_id, v.setl_time,
                           v.fund_amt, v.maindiag_code, dg.codes,
                           l.feedetl_sn, l.code, l.medins_list_name, l.fee_time, l.cnt, l.pric, l.amt, l.exposed,
                           l.ownpay, l.rxno
                    FROM fw_visit v
                    LEFT JOIN dg ON dg.mdtrt_id = v.mdtrt_id
                    LEFT JOIN fw_line l ON l.mdtrt_id = v.mdtrt_id
                    ORDER BY v.setl_time, v.mdtrt_id, l.feedetl_sn""";
            try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                ClaimBuilder current = null;
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (current == null || !current.mdtrtId.equals(id)) {
                        if (current != null) {
                            sink.accept(current.build());
                        }
                        current = new ClaimBuilder(rs);
                    }
                    if (rs.getString(18) != null) {
                        current.lines.add(new ClaimLine(rs.getString(18), rs.getString(19), text(rs, 20),
                                time(rs, 21).orElseThrow(), rs.getBigDecimal(22), rs.getBigDecimal(23),
                                rs.getBigDecimal(24), rs.getBigDecimal(25), decimal(rs, 26), text(rs, 27)));
                    }
                }
                if (current != null) {
                    sink.accept(current.build());
                }
            }
            return null;
        });
    }

    /** A stay when it begins (its admission) or a visit when it settles. */
    public record ReplayEvent(LocalDateTime time, boolean admission, VisitClaim claim) {
    }

    /**
     * The dataset as the real-time service would have seen it, in time order: each stay registered when it begins
     * ({@link VisitClaim#atAdmission()}), each visit reviewed when it settles. Held in memory: for tests and
     * benchmarks on datasets of a few million lines.
     */
    public static List<ReplayEvent> replay(Path dataset, MedTypeSettings settings) throws IOException {
        List<ReplayEvent> events = new ArrayList<>();
        forEachClaim(dataset, claim -> {
            if (settings.settingOf(claim.medType()) == CareSetting.INPATIENT) {
                events.add(new ReplayEvent(claim.begntime(), true, claim.atAdmission()));
            }
            events.add(new ReplayEvent(claim.setlTime(), false, claim));
        });
        events.sort(Comparator.comparing(ReplayEvent::time).thenComparing(e -> !e.admission())
                .thenComparing(e -> e.claim().mdtrtId()));
        return events;
    }

    /**
     * Records every visit of the dataset in the history (the history keeps only its retention window, counted from
     * the newest settlement); returns the number of visits read.
     */
    public static long loadHistory(Path dataset, VisitHistory history) throws IOException {
        long[] n = {0};
        forEachClaim(dataset, claim -> {
            history.record(claim);
            n[0]++;
        });
        return n[0];
    }

    /** A visit's columns, then its lines as they stream by. */
    private static final class ClaimBuilder {
        final String mdtrtId;
        final VisitClaim.Person person;
        final VisitClaim.Institution institution;
        final String medType;
        final String insutype;
        final LocalDateTime begntime;
        final Optional<LocalDateTime> endtime;
        final Optional<String> setlId;
        final LocalDateTime setlTime;
        final BigDecimal fundAmt;
        final Optional<String> maindiag;
        final List<String> diagnoses = new ArrayList<>();
        final List<ClaimLine> lines = new ArrayList<>();

        ClaimBuilder(ResultSet rs) throws SQLException {
            mdtrtId = rs.getString(1);
            person = new VisitClaim.Person(rs.getString(2), text(rs, 3), text(rs, 4), date(rs, 5));
            institution = new VisitClaim.Institution(rs.getString(6), text(rs, 7), text(rs, 8));
            medType = rs.getString(9);
            insutype = rs.getString(10);
            begntime = time(rs, 11).orElseThrow();
            endtime = time(rs, 12);
            setlId = text(rs, 13);
            setlTime = time(rs, 14).orElseThrow();
            fundAmt = rs.getBigDecimal(15);
            maindiag = text(rs, 16);
            Array codes = rs.getArray(17);
            if (codes != null) {
                for (Object o : (Object[]) codes.getArray()) {
                    diagnoses.add(o.toString());
                }
            }
        }

        VisitClaim build() {
            return new VisitClaim(person, institution, mdtrtId, medType, insutype, begntime, endtime, setlId,
                    setlTime, fundAmt, maindiag, diagnoses, lines);
        }
    }

    private interface SessionWork<T> {
        T run(DuckDbSession s) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** A session over the dataset with the shared relations of the default plan built (no rule runs). */
    private static <T> T withSession(Path dataset, SessionWork<T> work) throws IOException {
        Manifest manifest = Manifest.read(dataset);
        Path tmp = Files.createTempDirectory("fundwatch-instant");
        ScreenOptions options = ScreenOptions.of(dataset, tmp);
        ScreeningPlan plan = Screening.plan(options, Screening.ALL_FROM, Screening.ALL_TO);
        try (DuckDbSession s = DuckDbSession.open(options, manifest, tmp.resolve("spill"))) {
            for (org.fundwatch.screening.Statement st : plan.prelude()) {
                s.execute(st.sql());
            }
            return work.run(s);
        } catch (SQLException e) {
            throw new ScreenException(ScreenException.Code.ENGINE_FAILURE, e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void query(Connection c, String sql, RowReader reader) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    private static Optional<String> text(ResultSet rs, int i) throws SQLException {
        return Optional.ofNullable(rs.getString(i));
    }

    private static Optional<BigDecimal> decimal(ResultSet rs, int i) throws SQLException {
        return Optional.ofNullable(rs.getBigDecimal(i));
    }

    private static Optional<LocalDate> date(ResultSet rs, int i) throws SQLException {
        // Wall-clock values, whatever the JVM's zone (java.sql.Date would shift them across a DST gap).
        return Optional.ofNullable(rs.getObject(i, LocalDate.class));
    }

    private static Optional<LocalDateTime> time(ResultSet rs, int i) throws SQLException {
        return Optional.ofNullable(rs.getObject(i, LocalDateTime.class));
    }
}
