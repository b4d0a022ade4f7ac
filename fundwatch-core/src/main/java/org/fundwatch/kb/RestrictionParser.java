package org.fundwatch.kb;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the catalog's restriction text 限定支付范围 ({@code lmt_usescp}) of one entry into item knowledge points
 * ({@code kb_item_limit}), and reports what it could not read. Never guesses: a clause it does not recognise gives no
 * point, and a partly recognised clause keeps its points and reports the rest.
 *
 * <p>Recognised phrasings of the national drug catalogue (国家医保药品目录) and price catalogues:
 * <ul>
 *   <li>限女性 / 限男性 → GENDER 2 / 1;</li>
 *   <li>限儿童, 儿童专用 → AGE_MAX {@value #CHILD_MAX_AGE}; 限成人 → AGE_MIN {@value #ADULT_MIN_AGE};</li>
 *   <li>ages: N岁以上, N岁及以上, 年满N岁 → AGE_MIN N; N岁及以下 → AGE_MAX N; N岁以下, 不满N岁 → AGE_MAX N−1;
 *       超过N岁 → AGE_MIN N+1; N–M岁 → AGE_MIN N and AGE_MAX M (N岁以内 is ambiguous and not read);</li>
 *   <li>限二级及以上医疗机构, 限二级以上, 限三级医疗机构/医院 → MEDINS_LV_MIN 2 / 3;</li>
 *   <li>限住院使用, 限住院患者 → SETTING INPATIENT; 限门诊(使用) → SETTING OUTPATIENT;</li>
 *   <li>限工伤保险 → INSUTYPE_ONLY WORK_INJURY; 限生育保险 → INSUTYPE_ONLY MATERNITY;</li>
 *   <li>限支付N天, 限N天, 每年限N天 → MAX_COURSE_DAYS N; 每次就诊限N袋 → MAX_CNT_PER_VISIT N; 每日限N次 →
 *       MAX_CNT_PER_DAY N (in the item's billing unit); 单独使用时不予支付 → HERBAL_SINGLE_NOT_PAYABLE 1;</li>
 *   <li>限…患者, 限…的患者 with disease names separated by 、/或/及/和 → INDICATION with the ICD-10 prefixes of
 *       every name from the disease table ({@code disease_icd10.csv}), united; one unknown name leaves the
 *       description unparsed.</li>
 * </ul>
 * Clauses are separated by {@code ；，。：} (full or half width); parenthesised remarks are read as clauses of their
 * own after the main text. Within a clause, 的/且 join restrictions that all apply, while 或/及/和/、 between
 * phrases list alternatives ("限儿童及吞咽困难者"), which only indications can express (their prefixes unite).
 * Numbered items (1. 2. ①) and clauses starting with 或 are alternatives too: such a text gives points only when
 * each of its clauses is an indication.
 *
 * <p>Ages. 儿童 is taken as 14 周岁 and under: we found no age for it in the catalogue's 凡例, and 0–14 is the
 * bracket Chinese paediatric departments have traditionally served and the one the generator's knowledge base uses
 * ("限儿童（14周岁及以下）"); a bureau with another definition edits the point. 以上 includes the number, as
 * 《民法典》第一千二百五十九条 defines it ("65岁以上" → AGE_MIN 65); 以下 in the catalogue's age limits means
 * "under" (18岁以下 = 未满18周岁, a minor), so it excludes the number ("18岁以下" → AGE_MAX 17) unless written
 * 及以下. 成人 is 18 and over (《民法典》第十七条).
 *
 * <p>Values of one type from several clauses must agree (an explicit age overrides the 儿童 default; indications
 * unite); otherwise the clauses that disagree are reported and give no point.
 */
public final class RestrictionParser {

    /** The oldest age, in years, of a 儿童 (see the class comment for the basis). */
    public static final int CHILD_MAX_AGE = 14;
    /** The youngest age, in years, of a 成人 (《民法典》第十七条). */
    public static final int ADULT_MIN_AGE = 18;
    /** What the {@code basis} of every point starts with; the catalog's text follows. */
    public static final String BASIS_PREFIX = "医保目录限定支付范围：";

    private static final Pattern PARENTHESISED = Pattern.compile("\\(([^()]*)\\)");
    private static final Pattern PARENTHESISED_NUMBER = Pattern.compile("\\((\\d{1,2})\\)");
    private static final Pattern CLAUSE_SEPARATORS = Pattern.compile("[;。,:!?\\n]+");
    private static final Pattern NUMBERED = Pattern.compile("^(?:\\d{1,2}|[a-z])[.、)](?!\\d)");
    private static final Pattern OR_LEAD = Pattern.compile("^或者?");
    /** "限以下情况方可支付" and the like: a header of a list, with no restriction of its own. */
    private static final Pattern LIST_HEADER = Pattern.compile(
            "^(?:仅限|限)?(?:以下|下列)(?:情况|情形|条件|疾病|患者)(?:之一)?(?:的)?(?:方可|可|予以)?(?:支付|使用|报销)?$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final ClauseReader reader;

    private RestrictionParser(DiseaseTable diseases) {
        this.reader = new ClauseReader(diseases);
    }

    /** A parser with the disease table that ships with Fundwatch. */
    public static RestrictionParser standard() {
        return new RestrictionParser(DiseaseTable.builtIn());
    }

    static RestrictionParser with(DiseaseTable diseases) {
        return new RestrictionParser(Objects.requireNonNull(diseases, "diseases is null"));
    }

    /** The knowledge points of one entry and what could not be read; an entry without text gives neither. */
    public ParsedRestriction parse(CatalogRestriction entry) {
        Objects.requireNonNull(entry, "entry is null");
        if (!entry.restricted()) {
            return new ParsedRestriction(entry, List.of(), List.of());
        }
        String text = normalize(entry.text());
        List<ClauseReader.Reading> readings = new ArrayList<>();
        boolean alternatives = false;
        for (String clause : clauses(text)) {
            String c = clause;
            Matcher numbered = NUMBERED.matcher(c);
            Matcher or = OR_LEAD.matcher(c);
            if (numbered.find()) {
                c = c.substring(numbered.end());
                alternatives = true;
            } else if (or.find()) {
                c = c.substring(or.end());
                alternatives = true;
            }
            if (!c.isEmpty() && !LIST_HEADER.matcher(c).matches()) {
                readings.add(reader.read(c));
            }
        }
        Set<String> unparsed = new LinkedHashSet<>();
        if (alternatives && !readings.stream().allMatch(RestrictionParser::onlyIndications)) {
            unparsed.add(text);
            readings.clear();
        }
        readings.forEach(r -> unparsed.addAll(r.unparsed()));
        Map<LimitType, String> values = merge(readings, unparsed);
        if (values.isEmpty() && unparsed.isEmpty()) {
            unparsed.add(text);
        }
        String basis = BASIS_PREFIX + entry.text().strip();
        List<ItemLimit> limits = new ArrayList<>();
        values.forEach((type, value) -> limits.add(new ItemLimit(entry.hilistCode(), type, value, entry.begndate(),
                entry.enddate(), basis)));
        return new ParsedRestriction(entry, limits, List.copyOf(unparsed));
    }

    /**
     * The text as the grammar reads it: circled numbers (①) as list numbers, full-width forms folded (NFKC: ，→,
     * （→( ２→2 Ⅱ→II), 【】 as parentheses, no white space.
     */
    static String normalize(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp >= 0x2460 && cp <= 0x2473) {
                b.append(cp - 0x2460 + 1).append('.');
            } else if (cp == '【' || cp == '〔') {
                b.append('(');
            } else if (cp == '】' || cp == '〕') {
                b.append(')');
            } else {
                b.appendCodePoint(cp);
            }
        });
        String folded = Normalizer.normalize(b, Normalizer.Form.NFKC);
        return SPACES.matcher(folded).replaceAll("");
    }

    /** The clauses of a normalised text: the main text's first, then those of parenthesised remarks. */
    private static List<String> clauses(String text) {
        String main = PARENTHESISED_NUMBER.matcher(text).replaceAll("$1.");
        List<String> remarks = new ArrayList<>();
        for (Matcher m = PARENTHESISED.matcher(main); m.find(); m = PARENTHESISED.matcher(main)) {
            remarks.add(m.group(1));
            main = main.substring(0, m.start()) + main.substring(m.end());
        }
        List<String> clauses = new ArrayList<>();
        for (String part : remarks.isEmpty() ? List.of(main) : concat(main, remarks)) {
            for (String clause : CLAUSE_SEPARATORS.split(part)) {
                if (!clause.isEmpty()) {
                    clauses.add(clause);
                }
            }
        }
        return clauses;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static boolean onlyIndications(ClauseReader.Reading r) {
        return r.unparsed().isEmpty() && r.candidates().stream().allMatch(c -> c.type() == LimitType.INDICATION);
    }

    /**
     * One value per type: indications unite, an explicit value replaces an implied one, equal values merge; types
     * whose values disagree (or an AGE_MIN above the AGE_MAX) give none and their clauses go to {@code unparsed}.
     */
    private static Map<LimitType, String> merge(List<ClauseReader.Reading> readings, Set<String> unparsed) {
        Map<LimitType, List<ClauseReader.Candidate>> byType = new EnumMap<>(LimitType.class);
        Map<ClauseReader.Candidate, Set<String>> sources = new HashMap<>();
        for (ClauseReader.Reading r : readings) {
            for (ClauseReader.Candidate c : r.candidates()) {
                byType.computeIfAbsent(c.type(), t -> new ArrayList<>()).add(c);
                sources.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(r.clause());
            }
        }
        Map<LimitType, String> values = new EnumMap<>(LimitType.class);
        Map<LimitType, Set<String>> clausesOf = new EnumMap<>(LimitType.class);
        byType.forEach((type, candidates) -> {
            Set<String> clauses = new LinkedHashSet<>();
            candidates.forEach(c -> clauses.addAll(sources.get(c)));
            clausesOf.put(type, clauses);
            if (type == LimitType.INDICATION) {
                IcdPrefixes all = IcdPrefixes.of(List.of());
                for (ClauseReader.Candidate c : candidates) {
                    all = all.union(IcdPrefixes.parse(c.value()));
                }
                values.put(type, all.value());
                return;
            }
            List<ClauseReader.Candidate> explicit = candidates.stream().filter(c -> !c.implied()).toList();
            Set<String> distinct = new LinkedHashSet<>();
            (explicit.isEmpty() ? candidates : explicit).forEach(c -> distinct.add(c.value()));
            if (distinct.size() == 1) {
                values.put(type, distinct.iterator().next());
            } else {
                unparsed.addAll(clauses);
            }
        });
        String min = values.get(LimitType.AGE_MIN);
        String max = values.get(LimitType.AGE_MAX);
        if (min != null && max != null && Integer.parseInt(min) > Integer.parseInt(max)) {
            values.remove(LimitType.AGE_MIN);
            values.remove(LimitType.AGE_MAX);
            unparsed.addAll(clausesOf.get(LimitType.AGE_MIN));
            unparsed.addAll(clausesOf.get(LimitType.AGE_MAX));
        }
        return values;
    }
}
