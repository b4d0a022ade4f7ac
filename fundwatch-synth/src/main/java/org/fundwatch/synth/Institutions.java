package org.fundwatch.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.fundwatch.schema.ExchangeFormat;

/**
 * The designated institutions (定点医药机构): hospitals of levels 1–3 and retail pharmacies spread over five
 * cities of one province, all more than 100 km apart. Every city has the same population share and the same
 * number of institutions of each kind, so institutions of one peer group carry the same load and the background
 * shows no peer outliers.
 */
final class Institutions {

    static final int CITIES = 5;
    static final String HOSPITAL_TYPE = "综合医院";
    static final String PHARMACY_TYPE = "零售药店";

    /** A city: name, division code, centre and districts. */
    record City(String name, String admdvs, double lat, double lon, String[] districts, String[] districtCodes) {
    }

    static final City[] CITY = {
        new City("长沙", "430100", 28.2282, 112.9388, new String[] {"芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区"},
                new String[] {"430102", "430103", "430104", "430105", "430111", "430112"}),
        new City("岳阳", "430600", 29.3573, 113.1289, new String[] {"岳阳楼区", "云溪区", "君山区", "岳阳县", "华容县"},
                new String[] {"430602", "430603", "430611", "430621", "430623"}),
        new City("常德", "430700", 29.0316, 111.6985, new String[] {"武陵区", "鼎城区", "安乡县", "汉寿县", "澧县"},
                new String[] {"430702", "430703", "430721", "430722", "430723"}),
        new City("衡阳", "430400", 26.8938, 112.5720, new String[] {"珠晖区", "雁峰区", "石鼓区", "蒸湘区", "南岳区"},
                new String[] {"430405", "430406", "430407", "430408", "430412"}),
        new City("邵阳", "430500", 27.2389, 111.4677, new String[] {"双清区", "大祥区", "北塔区", "邵东市", "新邵县"},
                new String[] {"430502", "430503", "430511", "430582", "430522"}),
    };

    static final String[] STREETS = {"人民路", "解放路", "建设路", "中山路", "五一路", "八一路", "韶山路", "芙蓉路", "湘江路",
        "迎宾路", "新华路", "长春路", "滨江路", "红旗路", "东风路", "朝阳路", "书院路", "金星路", "劳动路", "桂花路"};
    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    private static final String[] BRANDS = {"老百姓大药房", "益丰大药房", "大参林药房", "国大药房", "千金大药房", "九芝堂大药房"};
    private static final String[] PRIVATE = {"仁爱", "康复", "博爱", "济民", "华康", "安心", "民康", "福寿"};

    /** One institution. Coordinates in micro-degrees; opening hours in minutes of the day, or -1. */
    static final class Institution {
        int index;
        String code;
        String name;
        String type;
        int level;
        String nature;
        int city;
        String admdvs;
        long latMicros;
        long lonMicros;
        int beds;
        int openMinute = -1;
        int closeMinute = -1;
        /** Index among the pharmacies, for stock bookkeeping; -1 for hospitals. */
        int pharmacyIndex = -1;

        boolean isPharmacy() {
            return pharmacyIndex >= 0;
        }
    }

    final List<Institution> all = new ArrayList<>();
    final List<Institution> pharmacies = new ArrayList<>();
    /** {@code hospitals[city][level]} for levels 1–3. */
    final Institution[][][] hospitals = new Institution[CITIES][4][];
    final Institution[][] pharmaciesByCity = new Institution[CITIES][];

    Institutions(long persons, long seed) {
        SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed, 0x1257L));
        int[] perLevel = {0, roundUp(Math.max(5, persons / 8_000)), roundUp(Math.max(5, persons / 12_000)),
            roundUp(Math.max(5, persons / 20_000))};
        int pharmacyCount = roundUp(Math.max(10, persons / 3_000));
        double[] admissionShare = {0, 0.15, 0.45, 0.40};
        for (int c = 0; c < CITIES; c++) {
            for (int level = 1; level <= 3; level++) {
                int n = perLevel[level] / CITIES;
                hospitals[c][level] = new Institution[n];
                double occupancy = persons / (double) CITIES * 0.2 / 365 * 8 * admissionShare[level] / n;
                int floor = level == 3 ? 300 : level == 2 ? 120 : 30;
                for (int i = 0; i < n; i++) {
                    Institution h = place(rnd, c, "H");
                    h.type = "1";
                    h.level = level;
                    h.nature = level == 1 && i % 3 == 2 || level == 2 && i % 4 == 3 ? "2" : "1";
                    h.beds = Math.max(floor, (int) Math.ceil(3 * occupancy) + 20) + rnd.nextInt(20);
                    h.name = hospitalName(c, level, i, h.nature);
                    hospitals[c][level][i] = h;
                }
            }
            int n = pharmacyCount / CITIES;
            pharmaciesByCity[c] = new Institution[n];
            for (int i = 0; i < n; i++) {
                Institution p = place(rnd, c, "P");
                p.type = "2";
                p.level = 0;
                p.nature = "2";
                p.openMinute = 7 * 60 + 30 + 30 * rnd.nextInt(3);
                p.closeMinute = 21 * 60 + 30 * rnd.nextInt(3);
                String street = STREETS[(i * 7 + c) % STREETS.length];
                p.name = BRANDS[i % BRANDS.length] + "（" + CITY[c].name() + street + (i / STREETS.length + 1) + "店）";
                p.pharmacyIndex = pharmacies.size();
                pharmacies.add(p);
                pharmaciesByCity[c][i] = p;
            }
        }
    }

    private static int roundUp(long n) {
        return (int) ((n + CITIES - 1) / CITIES * CITIES);
    }

    private Institution place(SplittableRandom rnd, int c, String prefix) {
        Institution inst = new Institution();
        inst.index = all.size();
        inst.city = c;
        City city = CITY[c];
        int d = rnd.nextInt(city.districts().length);
        inst.admdvs = city.districtCodes()[d];
        inst.code = prefix + inst.admdvs + String.format("%05d", inst.index + 1);
        double r = 12.0 * Math.sqrt(rnd.nextDouble());
        double theta = rnd.nextDouble() * 2 * Math.PI;
        double lat = city.lat() + r * Math.cos(theta) / 111.0;
        double lon = city.lon() + r * Math.sin(theta) / (111.0 * Math.cos(Math.toRadians(city.lat())));
        inst.latMicros = Math.round(lat * 1e6);
        inst.lonMicros = Math.round(lon * 1e6);
        all.add(inst);
        return inst;
    }

    private static String hospitalName(int c, int level, int i, String nature) {
        City city = CITY[c];
        String district = city.districts()[i % city.districts().length];
        String round = i < city.districts().length ? "" : NUMERALS[(i / city.districts().length) % 10] + "分院";
        if (level == 3) {
            return i == 0 ? city.name() + "市中心医院" : city.name() + "市第" + NUMERALS[(i - 1) % 10] + "人民医院"
                    + (i > 10 ? "（" + (i / 10) + "院区）" : "");
        }
        if (level == 2) {
            return city.name() + "市" + district + "人民医院" + round;
        }
        if (nature.equals("2")) {
            return city.name() + PRIVATE[i % PRIVATE.length] + "医院" + (i >= PRIVATE.length ? (i / PRIVATE.length + 1) + "部" : "");
        }
        return city.name() + "市" + district + STREETS[i % STREETS.length] + "社区卫生服务中心" + round;
    }

    /** Great-circle distance in kilometres. */
    static double distanceKm(Institution a, Institution b) {
        double lat1 = Math.toRadians(a.latMicros / 1e6);
        double lat2 = Math.toRadians(b.latMicros / 1e6);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians((b.lonMicros - a.lonMicros) / 1e6);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371.0 * Math.asin(Math.sqrt(h));
    }

    long write(Path dir) throws IOException {
        try (CsvTable t = new CsvTable(dir, ExchangeFormat.MEDINS_INFO)) {
            int code = t.col("fixmedins_code");
            int name = t.col("fixmedins_name");
            int type = t.col("fixmedins_type");
            int lv = t.col("medins_lv");
            int natu = t.col("medins_natu");
            int mtype = t.col("medins_type");
            int admdvs = t.col("admdvs");
            int lat = t.col("lat");
            int lon = t.col("lon");
            int beds = t.col("bed_cnt");
            int open = t.col("open_time");
            int close = t.col("close_time");
            for (Institution i : all) {
                t.str(code, i.code).str(name, i.name).str(type, i.type).num(lv, i.level).str(natu, i.nature)
                        .str(mtype, i.isPharmacy() ? PHARMACY_TYPE : HOSPITAL_TYPE).str(admdvs, i.admdvs);
                t.coordinate(lat, i.latMicros).coordinate(lon, i.lonMicros);
                if (i.isPharmacy()) {
                    t.clock(open, i.openMinute).clock(close, i.closeMinute);
                } else {
                    t.num(beds, i.beds);
                }
                t.end();
            }
            return t.rows();
        }
    }
}
