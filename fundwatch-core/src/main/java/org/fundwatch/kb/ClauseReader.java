package org.fundwatch.kb;

import static org.fundwatch.kb.LimitType.AGE_MAX;
import static org.fundwatch.kb.LimitType.AGE_MIN;
import static org.fundwatch.kb.LimitType.GENDER;
import static org.fundwatch.kb.LimitType.HERBAL_SINGLE_NOT_PAYABLE;
import static org.fundwatch.kb.LimitType.INDICATION;
import static org.fundwatch.kb.LimitType.INSUTYPE_ONLY;
import static org.fundwatch.kb.LimitType.MAX_CNT_PER_DAY;
import static org.fundwatch.kb.LimitType.MAX_CNT_PER_VISIT;
import static org.fundwatch.kb.LimitType.MAX_COURSE_DAYS;
import static org.fundwatch.kb.LimitType.MEDINS_LV_MIN;
import static org.fundwatch.kb.LimitType.SETTING;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of one clause of a restriction text (normalised, no punctuation that separates clauses): an optional
 * {@code 限}, then phrases joined by connectors. A phrase is a known restriction (level, setting, gender, age,
 * insurance, quantity, days, herbal) or a patient description {@code <diseases>(的)患者} whose every disease name the
 * {@link DiseaseTable} knows. Text that is neither is reported, never guessed.
 *
 * <p>的, 且 and 并且 join restrictions that all apply ("限二级及以上医疗机构的重症感染患者"). 或, 及, 和 and 、
 * between phrases list alternatives ("限儿童及吞咽困难者" pays for either group): only alternative indications can
 * be expressed (their prefixes are united), so a clause that lists anything else this way is reported whole.
 */
final class ClauseReader {

    /** A knowledge point one clause gave; {@code implied} when it is a default another clause may make precise. */
    record Candidate(LimitType type, String value, boolean implied) {
    }

    /** What one clause gave: candidates and the parts of the clause that gave none. */
    record Reading(String clause, List<Candidate> candidates, List<String> unparsed) {
        Reading {
            candidates = List.copyOf(candidates);
            unparsed = List.copyOf(unparsed);
        }
    }

    private static final String NUM = "(\\d{1,3}|[一二两三四五六七八九十]{1,3})";
    private static final String DECIMAL = "(\\d{1,4}(?:\\.\\d{1,4})?)";
    private static final String YEARS = "(?:周)?岁";
    private static final String AGE_TAIL = "(?:的)?(?:儿童患者|儿童|患儿|患者|人群|者)?";
    private static final String UNIT = "(?:袋|片|粒|支|瓶|盒|次|组|贴|枚|个|剂|克|g|毫克|mg|毫升|ml|mL|丸|包|张|套|根|项|小时)?";
    private static final String COUNT_VERB = "(?:限|最多|不超过)(?:开具|开|使用|用|收费|计费|支付)?";
    /** Words that only say the item is paid or used ("限住院使用", "限生育保险支付"). */
    private static final Pattern USAGE = Pattern.compile("(?:方可|可)?(?:使用|支付|报销|用药|开具|收取|收费)");
    /** What may be left over after a phrase and 的 without meaning anything ("限住院的患者"). */
    private static final Pattern DANGLING = Pattern.compile("(?:患者|病人|治疗|使用|用药)");
    private static final Pattern RESTRICTS = Pattern.compile("(?:仅限|只限|限于|限定|限)");
    private static final Pattern INDICATION_LEAD = Pattern.compile("^(?:用于|诊断为|确诊为|明确诊断为|经确诊为)");
    private static final Pattern INDICATION_TAIL = Pattern.compile("(?:使用|用药)$");
    private static final Pattern DISEASE_SEPARATORS = Pattern.compile("[、/或及和与]");
    /** Longest first, so that 或者 is not read as 或 followed by 者. */
    private static final List<String> CONNECTORS = List.of("并且", "或者", "以及", "且", "或", "及", "和", "、", "的");
    /** Connectors that list alternatives rather than add a restriction. */
    private static final List<String> ALTERNATIVES = List.of("或者", "以及", "或", "及", "和", "、");

    /** A known restriction phrase; {@code boundary} when it must end the clause or be followed by a connector. */
    private record Phrase(Pattern pattern, boolean boundary, Function<Matcher, List<Candidate>> read) {
    }

    private static final List<Phrase> PHRASES = List.of(
            phrase("单(?:独|味)(?:使用|应用)(?:时)?(?:均)?不予?(?:支付|报销)", true,
                    m -> one(HERBAL_SINGLE_NOT_PAYABLE, "1")),
            phrase("工伤(?:保险)?(?:参保人员|参保人|职工|患者)?", true, m -> one(INSUTYPE_ONLY, "WORK_INJURY")),
            phrase("生育保险(?:参保人员|参保人)?", true, m -> one(INSUTYPE_ONLY, "MATERNITY")),
            phrase("(住院|门急诊|门诊)(?:患者|病人)?", true,
                    m -> one(SETTING, m.group(1).equals("住院") ? "INPATIENT" : "OUTPATIENT")),
            phrase("(?:在)?([一二三123])级(及以上|或以上|以上)?(?:的)?(?:定点)?(医疗机构|医院|医疗单位)?", false,
                    ClauseReader::institutionLevel),
            phrase("(?:年龄)?" + NUM + "(?:周)?岁?(?:-|~|–|—|至|到)" + NUM + YEARS + AGE_TAIL, false,
                    ClauseReader::ageRange),
            phrase("(?:年龄)?(?:不满|未满|小于|低于|<)" + NUM + YEARS + AGE_TAIL, false,
                    m -> withChildCap(m, age(AGE_MAX, m, -1))),
            phrase("(?:年龄)?(?:超过|大于|>)" + NUM + YEARS + AGE_TAIL, false,
                    m -> withChildCap(m, age(AGE_MIN, m, 1))),
            phrase("(?:年龄)?(?:年满|满|≥)" + NUM + YEARS + AGE_TAIL, false,
                    m -> withChildCap(m, age(AGE_MIN, m, 0))),
            phrase("(?:年龄)?≤" + NUM + YEARS + AGE_TAIL, false,
                    m -> withChildCap(m, age(AGE_MAX, m, 0))),
            phrase("(?:年龄)?" + NUM + YEARS + "(及以上|或以上|以上|及以下|或以下|以下)" + AGE_TAIL, false,
                    m -> withChildCap(m, ageBound(m))),
            phrase("儿童(?:专用|使用|用药|患者)?", false,
                    m -> List.of(new Candidate(AGE_MAX, Integer.toString(RestrictionParser.CHILD_MAX_AGE), true))),
            phrase("(?:成人|成年人|成年)(?:患者)?", false,
                    m -> one(AGE_MIN, Integer.toString(RestrictionParser.ADULT_MIN_AGE))),
            phrase("(女性|妇女|男性)(?:患者)?", false, m -> one(GENDER, m.group(1).equals("男性") ? "1" : "2")),
            phrase("每次(?:就诊|门诊|住院|就医)" + COUNT_VERB + DECIMAL + UNIT, true, m -> count(MAX_CNT_PER_VISIT, m)),
            phrase("每(?:日|天)" + COUNT_VERB + DECIMAL + UNIT, true, m -> count(MAX_CNT_PER_DAY, m)),
            phrase("(?:每年|每自然年|每个自然年度|年度内|一年内|全年)?(?:限|最多|累计)?(?:支付|使用|报销|计费|用)?"
                    + "(?:不超过|最多|最长)?" + NUM + "(?:天|日)(?:以内|内)?", true, ClauseReader::courseDays));

    private final DiseaseTable diseases;

    ClauseReader(DiseaseTable diseases) {
        this.diseases = Objects.requireNonNull(diseases, "diseases is null");
    }

    Reading read(String clause) {
        List<Candidate> candidates = new ArrayList<>();
        List<String> unparsed = new ArrayList<>();
        boolean alternatives = false;
        boolean afterConnector = false;
        int pos = 0;
        while (pos < clause.length()) {
            String connector = connectorAt(clause, pos);
            if (connector != null) {
                alternatives |= ALTERNATIVES.contains(connector);
                afterConnector = true;
                pos += connector.length();
                continue;
            }
            int end = lookingAt(RESTRICTS, clause, pos);
            if (end < 0 && afterConnector) {
                end = lookingAt(DANGLING, clause, pos);
                end = end >= 0 && boundary(clause, end) ? end : -1;
            }
            if (end < 0) {
                end = phraseAt(clause, pos, candidates);
            }
            if (end < 0) {
                end = indicationAt(clause, pos, candidates, unparsed);
            }
            afterConnector = false;
            pos = end;
        }
        boolean onlyIndications = candidates.stream().allMatch(c -> c.type() == INDICATION);
        if (candidates.isEmpty() || (alternatives && !(onlyIndications && unparsed.isEmpty()))) {
            return new Reading(clause, List.of(), List.of(clause));
        }
        return new Reading(clause, candidates, unparsed);
    }

    /** The end of the phrase at {@code pos} (its usage words included), or -1. */
    private static int phraseAt(String clause, int pos, List<Candidate> candidates) {
        for (Phrase phrase : PHRASES) {
            Matcher m = phrase.pattern().matcher(clause).region(pos, clause.length());
            if (!m.lookingAt() || m.end() == pos) {
                continue;
            }
            int end = m.end();
            int usage = lookingAt(USAGE, clause, end);
            end = usage >= 0 ? usage : end;
            if (phrase.boundary() && !boundary(clause, end)) {
                continue;
            }
            List<Candidate> read = phrase.read().apply(m);
            if (!read.isEmpty()) {
                candidates.addAll(read);
                return end;
            }
        }
        return -1;
    }

    /**
     * A patient description at {@code pos}: disease names up to 患者/病人 (or up to the next 的 or 且, or the end).
     * Known names give an INDICATION candidate; otherwise the description is reported unparsed. Returns its end.
     */
    private int indicationAt(String clause, int pos, List<Candidate> candidates, List<String> unparsed) {
        int delimiter = indexOfAny(clause, pos, "的", "且");
        int patient = indexOfAny(clause, pos, "患者", "病人");
        int namesEnd;
        int end;
        if (patient < clause.length() && patient <= delimiter) {
            namesEnd = patient;
            end = patient + 2;
        } else if (delimiter < clause.length() && clause.charAt(delimiter) == '的' && patient == delimiter + 1) {
            namesEnd = delimiter;
            end = patient + 2;
        } else {
            namesEnd = delimiter;
            end = delimiter;
        }
        int usage = lookingAt(USAGE, clause, end);
        end = Math.max(usage >= 0 ? usage : end, pos + 1);
        String names = INDICATION_LEAD.matcher(clause.substring(pos, namesEnd)).replaceFirst("");
        names = INDICATION_TAIL.matcher(names).replaceFirst("");
        Optional<IcdPrefixes> prefixes = prefixesOf(names);
        if (prefixes.isPresent()) {
            candidates.add(new Candidate(INDICATION, prefixes.get().value(), false));
        } else {
            unparsed.add(clause.substring(pos, end));
        }
        return end;
    }

    /** The united prefixes of a list of disease names, if every name is known. */
    private Optional<IcdPrefixes> prefixesOf(String names) {
        String list = names.replace("以及", "、").replace("或者", "、");
        IcdPrefixes all = IcdPrefixes.of(List.of());
        for (String name : DISEASE_SEPARATORS.split(list, -1)) {
            Optional<IcdPrefixes> p = diseases.prefixes(name);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            all = all.union(p.get());
        }
        return all.codes().isEmpty() ? Optional.empty() : Optional.of(all);
    }

    private static List<Candidate> institutionLevel(Matcher m) {
        int level = number(m.group(1));
        boolean andAbove = m.group(2) != null;
        // 三级 is the top level, so 三级医院 is "level 3 or above"; 二级医院 alone would mean exactly level 2
        if (andAbove || (level == 3 && m.group(3) != null)) {
            return one(MEDINS_LV_MIN, Integer.toString(level));
        }
        return List.of();
    }

    private static List<Candidate> ageRange(Matcher m) {
        int from = number(m.group(1));
        int to = number(m.group(2));
        if (from < 0 || to < 0 || from > to) {
            return List.of();
        }
        return List.of(new Candidate(AGE_MIN, Integer.toString(from), false),
                new Candidate(AGE_MAX, Integer.toString(to), false));
    }

    /** An age phrase that names children ("2岁以上儿童") also implies the child cap, unless it gives its own. */
    private static List<Candidate> withChildCap(Matcher m, List<Candidate> read) {
        if (read.isEmpty() || !(m.group().endsWith("儿童") || m.group().endsWith("儿童患者")
                || m.group().endsWith("患儿"))) {
            return read;
        }
        List<Candidate> all = new ArrayList<>(read);
        all.add(new Candidate(AGE_MAX, Integer.toString(RestrictionParser.CHILD_MAX_AGE), true));
        return all;
    }

    /** 以上 and 及以下 include the number, 以下 does not (see {@link RestrictionParser}). */
    private static List<Candidate> ageBound(Matcher m) {
        int years = number(m.group(1));
        String bound = m.group(2);
        if (years < 0) {
            return List.of();
        }
        if (bound.endsWith("以上")) {
            return one(AGE_MIN, Integer.toString(years));
        }
        if (bound.equals("以下")) {
            return years == 0 ? List.of() : one(AGE_MAX, Integer.toString(years - 1));
        }
        return one(AGE_MAX, Integer.toString(years));
    }

    private static List<Candidate> age(LimitType type, Matcher m, int shift) {
        int years = number(m.group(1));
        return years < 0 || years + shift < 0 ? List.of() : one(type, Integer.toString(years + shift));
    }

    private static List<Candidate> count(LimitType type, Matcher m) {
        BigDecimal n = new BigDecimal(m.group(1));
        return n.signum() > 0 ? one(type, n.stripTrailingZeros().toPlainString()) : List.of();
    }

    private static List<Candidate> courseDays(Matcher m) {
        int days = number(m.group(1));
        return days > 0 ? one(MAX_COURSE_DAYS, Integer.toString(days)) : List.of();
    }

    /** Arabic digits or a Chinese numeral up to 九十九 (十四, 六十五); -1 if it is not one. */
    static int number(String s) {
        if (s.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(s);
        }
        int ten = s.indexOf('十');
        if (ten < 0) {
            return s.length() == 1 ? digit(s.charAt(0)) : -1;
        }
        if (s.indexOf('十', ten + 1) >= 0 || ten > 1 || s.length() - ten > 2) {
            return -1;
        }
        int tens = ten == 0 ? 1 : digit(s.charAt(0));
        int ones = ten == s.length() - 1 ? 0 : digit(s.charAt(ten + 1));
        return tens < 1 || ones < 0 ? -1 : tens * 10 + ones;
    }

    private static int digit(char c) {
        return "零一二三四五六七八九".indexOf(c == '两' ? '二' : c);
    }

    private static boolean boundary(String clause, int pos) {
        return pos >= clause.length() || connectorAt(clause, pos) != null || clause.startsWith("限", pos);
    }

    private static String connectorAt(String clause, int pos) {
        for (String c : CONNECTORS) {
            if (clause.startsWith(c, pos)) {
                return c;
            }
        }
        return null;
    }

    private static int lookingAt(Pattern p, String s, int pos) {
        Matcher m = p.matcher(s).region(pos, s.length());
        return m.lookingAt() ? m.end() : -1;
    }

    /** The first index at or after {@code from} of any of the words, or the length of {@code s}. */
    private static int indexOfAny(String s, int from, String... words) {
        int first = s.length();
        for (String w : words) {
            int i = s.indexOf(w, from);
            if (i >= 0 && i < first) {
                first = i;
            }
        }
        return first;
    }

    private static Phrase phrase(String regex, boolean boundary, Function<Matcher, List<Candidate>> read) {
        return new Phrase(Pattern.compile(regex), boundary, read);
    }

    private static List<Candidate> one(LimitType type, String value) {
        return List.of(new Candidate(type, value, false));
    }
}
