package org.fundwatch.duckdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.fundwatch.ingest.Manifest;
import org.fundwatch.screening.CompiledRule;
import org.fundwatch.screening.FindingAssembler;
import org.fundwatch.screening.SqlDialect;
import org.fundwatch.screening.Statement;

/**
 * Where a compiled screening plan runs: DuckDB in this JVM ({@link DuckDbEngine}, the default) or a cluster engine
 * behind the same seam (the Spark module). {@link Screening} does everything else — the plan, which rules can run,
 * the findings' assembly and ids, the files — so every engine gives the same findings for the same SQL.
 */
public interface Engine {

    /** Recorded in {@code run.json}. */
    String name();

    /** The dialect the plan is compiled for. */
    SqlDialect dialect();

    /** An engine session over the dataset's tables: a relation per present table, an empty one per absent table. */
    Session open(ScreenOptions options, Manifest manifest, Path tmp) throws IOException;

    /** One screening's connection to the engine. Failures are {@link ScreenException}s naming the statement. */
    interface Session extends AutoCloseable {

        /** The dataset's tables that are present (the others exist empty). */
        Set<String> present();

        /** Builds a shared relation or pass; its rows are counted unless it is a view ({@code -1}). */
        ScreenReport.PassTiming build(Statement statement);

        /** The single number a {@code SELECT count(*)} query returns. */
        long count(String sql);

        /** Runs one rule's query and feeds its rows, in order, to a new assembler. Safe to call concurrently. */
        FindingAssembler assemble(CompiledRule rule);

        /**
         * Writes the rows of {@code query} as one Parquet file on this machine (the indicator table: computed where
         * the data is, written by the driver like the findings).
         */
        void writeParquet(String query, Path file);

        /** How many rule queries to run at once. */
        int ruleWorkers();

        @Override
        void close() throws IOException;
    }
}
