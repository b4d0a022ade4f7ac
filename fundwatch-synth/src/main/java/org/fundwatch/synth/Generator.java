package org.fundwatch.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.fundwatch.progress.Progress;
import org.fundwatch.schema.ExchangeFormat;
import org.fundwatch.schema.Table;

/**
 * 模拟数据生成器: writes a synthetic extract in the exchange format (one file per table), {@code labels.csv} with
 * the planted violations and {@code near_misses.csv} with the planted cases that must not fire.
 *
 * <p>The output depends only on the configuration: every person and institution draws from a random stream
 * derived from the seed and its number, and rows are written in a fixed order. People are generated one at a
 * time and their rows streamed out, so memory stays bounded by the per-pharmacy stock bookkeeping and the set of
 * issued ID numbers whatever the population (1 million persons × 12 months: about 93 million fee lines, 21 GB of
 * CSV, 207 s and 360 MB resident on one core with {@code -Xmx2g}).
 *
 * <p>The background satisfies no condition of DOMAIN.md §3 by construction; only the statistical parts can raise
 * chance findings: PEER_OUTLIER on inpatient indicators of small hospitals (a level-1 hospital sees about nine
 * stays a month at 20,000 persons, so Poisson noise and the planted stays occasionally pass 1.5 × the peer median
 * with a small MAD) and, below about 2,000 persons, the opening-hour share of OFF_HOURS_SETTLEMENT for pharmacies
 * just above 20 settlements a month. Outpatient indicators (visits, cost per visit) stand out only where planted.
 *
 * <p>With {@link GeneratorConfig#splitMonths()} the same rows go to one extract directory per settlement month
 * ({@code OUT/2026-01/} …), each ingestible with {@code ingest --append} after the previous one: the reference
 * tables (persons, institutions, catalog, knowledge points, approvals, registries) in full in the first month, a
 * visit with its diagnoses, settlements and fee lines in the month of its first settlement (a reversal and its
 * refund lines in the month of the reversal), stock movements by {@code io_time}; {@code labels.csv} and
 * {@code near_misses.csv} once, in {@code OUT}. The row counts returned are those of the whole run.
 */
public final class Generator {

    private static final int BATCH = 4096;

    private final GeneratorConfig config;

    public Generator(GeneratorConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    public GenerationSummary generate(Path outDir, Progress progress) throws IOException {
        Objects.requireNonNull(outDir, "outDir is null");
        Objects.requireNonNull(progress, "progress is null");
        long started = System.nanoTime();
        Files.createDirectories(outDir);
        long seed = config.seed();
        Calendar cal = new Calendar(config.start(), config.months());
        Institutions institutions = new Institutions(config.persons(), seed);
        Catalog catalog = new Catalog(cal);
        List<Path> dirs = new ArrayList<>();
        if (config.splitMonths()) {
            for (int m = 0; m < cal.months; m++) {
                dirs.add(Files.createDirectories(outDir.resolve(cal.monthText(m))));
            }
        } else {
            dirs.add(outDir);
        }
        Path refDir = dirs.get(0);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Table t : ExchangeFormat.TABLES) {
            rows.put(t.name(), 0L);
        }
        rows.put("medins_info", institutions.write(refDir));
        rows.put("med_list", catalog.write(refDir));
        long[] kb = catalog.writeKnowledge(refDir);
        rows.put("kb_item_limit", kb[0]);
        rows.put("kb_item_pair", kb[1]);

        int cases = Scenarios.casesPerType(config.persons());
        Map<String, Long> labelsPerType;
        long nearMisses;
        try (LabelSink labels = new LabelSink(outDir)) {
            long[][][] sales;
            try (Population population = new Population(refDir, seed, cal, institutions);
                 ClaimSink sink = new ClaimSink(dirs, cal, institutions.pharmacies.size());
                 CsvTable approvals = new CsvTable(refDir, ExchangeFormat.PSN_APPROVAL)) {
                byte[][] inflate = new byte[institutions.all.size()][cal.months];
                Background background = new Background(cal, catalog, institutions, sink, inflate);
                Scenarios scenarios = new Scenarios(cal, catalog, institutions, population, sink, background, labels,
                        seed, config.persons() + 1, cases);
                scenarios.peerOutliers(inflate);

                progress.start("generating " + config.persons() + " persons × " + config.months() + " months",
                        config.persons());
                Person p = new Person();
                int aNo = approvals.col("aprv_no");
                int aPsn = approvals.col("psn_no");
                int aItem = approvals.col("hilist_code");
                int aType = approvals.col("vola_bhvr_type");
                int aBegin = approvals.col("begndate");
                int aEnd = approvals.col("enddate");
                int aReason = approvals.col("reason");
                long pending = 0;
                for (long n = 1; n <= config.persons(); n++) {
                    SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed, n));
                    population.background(p, n, rnd);
                    background.generate(p, rnd);
                    if ((p.chronic & Person.CORONARY) != 0 && !p.chronicAtPharmacy && rnd.nextInt(3) == 0) {
                        approvals.str(aNo, "BA" + p.psnNo.substring(2) + "01").str(aPsn, p.psnNo)
                                .str(aItem, Item.CLOPIDOGREL.code).date(aBegin, cal.firstDay - 100 - rnd.nextInt(600))
                                .date(aEnd, cal.lastDay() + 365).str(aReason, "门诊慢特病待遇认定（冠心病）").end();
                    }
                    if (++pending == BATCH) {
                        progress.advance(pending);
                        pending = 0;
                    }
                }
                progress.advance(pending);
                scenarios.plantAll();
                for (String[] a : scenarios.approvals) {
                    approvals.str(aNo, a[0]).str(aPsn, a[1]).str(aItem, a[2]).str(aType, a[3]).str(aBegin, a[4])
                            .str(aEnd, a[5]).str(aReason, a[6]).end();
                }
                sales = sink.pharmacySales;
                rows.put("psn_info", population.psnInfo.rows());
                rows.put("ext_death", population.death.rows());
                rows.put("ext_custody", population.custody.rows());
                rows.put("psn_approval", approvals.rows());
                for (String t : new String[] {"mdtrt", "diseinfo", "setl", "feedetail"}) {
                    rows.put(t, sink.rows(t));
                }
            }
            rows.put("inv_io", Inventory.write(dirs, cal, institutions, sales, labels, cases, seed));
            labelsPerType = new LinkedHashMap<>(labels.perType);
            nearMisses = labels.nearMisses();
        }
        if (config.format() == GeneratorConfig.OutputFormat.PARQUET) {
            progress.start("converting to Parquet", ExchangeFormat.TABLES.size());
            for (Path dir : dirs) {
                ParquetExport.convert(dir);
            }
        }
        progress.finish();
        return new GenerationSummary(rows, labelsPerType, nearMisses, Duration.ofNanos(System.nanoTime() - started));
    }
}
