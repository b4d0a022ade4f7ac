package org.fundwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fundwatch.duckdb.InstantData;
import org.fundwatch.rules.PolicyPack;
import org.fundwatch.schema.CareSetting;
import org.fundwatch.schema.MedTypeSettings;
import org.fundwatch.screening.ClaimLine;
import org.fundwatch.screening.InstantScreening;
import org.fundwatch.screening.Knowledge;
import org.fundwatch.screening.VisitClaim;
import org.fundwatch.screening.VisitHistory;
import org.fundwatch.serve.ReviewServer;
import org.fundwatch.serve.ServeOptions;
import org.fundwatch.serve.bench.LoadGenerator;

/**
 * {@code fundwatch bench serve}: the review service over HTTP on loopback, loaded open-loop at fixed arrival rates
 * with at most 16 connections; at each rate the no-op endpoint of the same server runs first, so the review's
 * latency can be read against the cost of HTTP, keys and the access log alone. The requests are 3102 messages
 * (scene 7, pre-settlement: they leave the history as it is) built from the dataset's outpatient and pharmacy
 * visits, each institution calling with its own key.
 */
final class HttpReviewBenchmark {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    record Row(double rate, LoadGenerator.Result noop, LoadGenerator.Result review) {
    }

    private HttpReviewBenchmark() {
    }

    static List<Row> run(Path dataset, Path work, List<Double> rates, int seconds, int connections,
                         int maxRequests) throws IOException, InterruptedException {
        PolicyPack pack = PolicyPack.defaultPack();
        MedTypeSettings settings = MedTypeSettings.defaults();
        Knowledge kb = InstantData.knowledge(dataset);
        VisitHistory history = new VisitHistory(InstantScreening.retentionDays(pack));
        InstantScreening screening = new InstantScreening(pack, kb, settings, history);
        InstantData.loadHistory(dataset, history);

        List<VisitClaim> visits = new ArrayList<>();
        InstantData.forEachClaim(dataset, c -> {
            if (visits.size() < maxRequests && settings.settingOf(c.medType()) != CareSetting.INPATIENT
                    && !c.lines().isEmpty()) {
                visits.add(c);
            }
        });
        Map<String, String> keys = new LinkedHashMap<>();
        SecureRandom random = new SecureRandom();
        StringBuilder keysFile = new StringBuilder("key_id,fixmedins_code,key,rate_limit\n");
        for (VisitClaim v : visits) {
            keys.computeIfAbsent(v.institution().code(), code -> {
                byte[] b = new byte[24];
                random.nextBytes(b);
                String key = HexFormat.of().formatHex(b);
                keysFile.append("bench-").append(code).append(',').append(code).append(',').append(key)
                        .append(",1000000\n");
                return key;
            });
        }
        Files.createDirectories(work);
        Path keyPath = work.resolve("keys.csv");
        Files.writeString(keyPath, keysFile, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        List<LoadGenerator.Request> reviews = new ArrayList<>();
        List<LoadGenerator.Request> noops = new ArrayList<>();
        int n = 0;
        for (VisitClaim v : visits) {
            List<String> headers = List.of("X-API-Key: " + keys.get(v.institution().code()));
            byte[] body = json.writeValueAsBytes(message(json, v, n++));
            reviews.add(new LoadGenerator.Request("/fsi/api/3102", headers, body));
            noops.add(new LoadGenerator.Request("/fsi/api/noop", headers, body));
        }

        ServeOptions options = ServeOptions.defaults().withPort(0).withBind("127.0.0.1").withKeysFile(keyPath)
                .withDataDir(work.resolve("data")).withRateLimit(1_000_000);
        List<Row> rows = new ArrayList<>();
        try (ReviewServer server = ReviewServer.start(options, screening)) {
            LoadGenerator load = new LoadGenerator("127.0.0.1", server.port(), connections);
            load.run("warm-up", reviews, Math.min(1000, rates.get(0)), 10);
            for (double rate : rates) {
                LoadGenerator.Result noop = load.run("no-op", noops, rate, seconds);
                LoadGenerator.Result review = load.run("3102 review", reviews, rate, seconds);
                rows.add(new Row(rate, noop, review));
            }
        }
        return rows;
    }

    /** A national 3102 message for the visit, in the pre-settlement scene 7. */
    private static ObjectNode message(ObjectMapper json, VisitClaim v, int n) {
        ObjectNode m = json.createObjectNode();
        m.put("infno", "3102");
        m.put("msgid", "BENCH" + n);
        m.put("inf_time", TIME.format(v.setlTime()));
        m.put("fixmedins_code", v.institution().code());
        ObjectNode data = m.putObject("input").putObject("data");
        data.put("syscode", "BENCH");
        data.put("task_id", "T" + n);
        data.put("trig_scen", 7);
        ObjectNode p = data.putArray("patient_dtos").addObject();
        p.put("patn_id", v.person().psnNo());
        v.person().certno().ifPresent(c -> p.put("certno", c));
        v.person().gend().ifPresent(g -> p.put("gend", g));
        v.person().brdy().ifPresent(b -> p.put("brdy", b.toString()));
        p.put("curr_mdtrt_id", v.mdtrtId());
        ObjectNode e = p.putArray("fsi_encounter_dtos").addObject();
        e.put("mdtrt_id", v.mdtrtId());
        e.put("medins_id", v.institution().code());
        v.institution().type().ifPresent(t -> e.put("medins_type", t));
        v.institution().level().ifPresent(l -> e.put("medins_lv", l));
        e.put("med_type", v.medType());
        e.put("insutype", v.insutype());
        e.put("adm_date", TIME.format(v.begntime()));
        v.maindiagCode().ifPresent(d -> e.put("dscg_main_dise_codg", d));
        ArrayNode diagnoses = e.putArray("fsi_diagnose_dtos");
        for (String d : v.diagnoses()) {
            ObjectNode dn = diagnoses.addObject();
            dn.put("dise_codg", d);
            dn.put("maindise_flag", v.maindiagCode().filter(d::equals).isPresent() ? "1" : "0");
        }
        ArrayNode orders = e.putArray("fsi_order_dtos");
        for (ClaimLine l : v.lines()) {
            ObjectNode o = orders.addObject();
            o.put("rx_id", l.feedetlSn());
            l.rxno().ifPresent(r -> o.put("rxno", r));
            o.put("hilist_code", l.code());
            l.listName().ifPresent(name -> o.put("hosplist_name", name));
            o.put("cnt", l.cnt());
            o.put("pric", l.pric());
            o.put("sumamt", l.amt());
            l.ownpay().ifPresent(a -> o.put("ownpay_amt", a));
            o.put("drord_begn_date", TIME.format(l.feeTime()));
        }
        return m;
    }
}
