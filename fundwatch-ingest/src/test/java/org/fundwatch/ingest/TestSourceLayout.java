package org.fundwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fundwatch.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSourceLayout {
    @TempDir
    Path tmp;

    /** Rewrites a table of the exchange extract the way the national data warehouse ships it. */
    private static void toWarehouse(Path csv, Path target) throws IOException {
        RecordReader reader = new RecordReader(new LineReader(new StringReader(Files.readString(csv)), 1 << 20),
                CsvDialect.RFC4180, 100, 1 << 20);
        StringBuilder out = new StringBuilder();
        boolean header = true;
        for (RecordReader.Record r = reader.next(); r != null; r = reader.next()) {
            List<String> fields = new ArrayList<>();
            for (String f : r.fields()) {
                String v = header ? f.toUpperCase(Locale.ROOT) : f;
                fields.add("@|" + v + "|@");
            }
            out.append(String.join("|", fields)).append("\r\n");
            header = false;
        }
        Files.writeString(target, out.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void aDeclaredLayoutReadsTheWarehouseExtractLikeTheExchangeFormat() throws IOException {
        Path exchange = tmp.resolve("exchange");
        TestingExtract.write(exchange);
        Path warehouse = tmp.resolve("warehouse");
        Files.createDirectories(warehouse);
        for (String t : TestingExtract.REQUIRED_TABLES) {
            String file = t.equals("feedetail") ? "FEE_LIST_D.txt" : t.equals("setl") ? "SETL_D.txt" : t + ".csv";
            toWarehouse(exchange.resolve(t + ".csv"), warehouse.resolve(file));
        }
        // the warehouse calls the fee time FEE_TIME; everything else keeps its national name
        Path feeList = warehouse.resolve("FEE_LIST_D.txt");
        Files.writeString(feeList, Files.readString(feeList).replaceFirst("@\\|FEE_OCUR_TIME\\|@", "@|FEE_TIME|@"));
        Path layoutFile = tmp.resolve("warehouse.layout");
        Files.writeString(layoutFile, String.join("\n",
                "# the national data-warehouse extract",
                "dialect | @| |@",
                "file feedetail FEE_LIST_D.txt",
                "file setl SETL_D.txt",
                "column feedetail FEE_TIME fee_ocur_time", ""));

        IngestReport viaExchange = Ingest.run(IngestOptions.of(exchange, tmp.resolve("d1"))
                .withToday(TestingExtract.TODAY), Progress.NONE);
        IngestReport viaLayout = Ingest.run(IngestOptions.of(warehouse, tmp.resolve("d2"))
                .withToday(TestingExtract.TODAY).withLayout(SourceLayout.read(layoutFile)), Progress.NONE);

        assertThat(viaLayout.totalRejected()).isZero();
        assertThat(viaLayout.tables()).isEqualTo(viaExchange.tables());
        assertThat(viaLayout.checksums().get("feedetail")).isEqualTo(viaExchange.checksums().get("feedetail"));
        assertThat(Files.readString(tmp.resolve("d2").resolve("manifest.json"))).contains("\"layout\" : \"warehouse\"");
    }

    @Test
    void aLayoutFileWithAnUnknownColumnNamesFileAndLine() throws IOException {
        Path layoutFile = tmp.resolve("bad.layout");
        Files.writeString(layoutFile, "dialect | @| |@\ncolumn feedetail FEE_TIME fee_time\n");
        assertThatThrownBy(() -> SourceLayout.read(layoutFile))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("BAD_LAYOUT")
                .hasMessageContaining("bad.layout:2")
                .hasMessageContaining("fee_time");
    }
}
