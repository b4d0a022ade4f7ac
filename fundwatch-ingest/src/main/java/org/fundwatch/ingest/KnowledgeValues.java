package org.fundwatch.ingest;

import java.util.Optional;
import java.util.regex.Pattern;

/** Whether a {@code kb_item_limit.lmt_value} can be read for its {@code lmt_type} (FORMAT.md). */
final class KnowledgeValues {
    private static final Pattern ICD_PREFIXES = Pattern.compile("[A-Za-z][0-9A-Za-z.]*(\\|[A-Za-z][0-9A-Za-z.]*)*");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("\\d+");

    private KnowledgeValues() {
    }

    /** Empty when the value fits its kind; otherwise why not. Unknown kinds are not judged here. */
    static Optional<String> check(String type, String value) {
        String v = value.strip();
        boolean ok = switch (type) {
            case "GENDER" -> v.equals("1") || v.equals("2");
            case "AGE_MIN", "AGE_MAX", "DAILY_DOSE", "MAX_CNT_PER_VISIT", "MAX_CNT_PER_DAY" -> NUMBER.matcher(v).matches();
            case "MAX_COURSE_DAYS" -> WHOLE.matcher(v).matches();
            case "SETTING" -> v.equals("OUTPATIENT") || v.equals("INPATIENT");
            case "MEDINS_LV_MIN" -> v.equals("1") || v.equals("2") || v.equals("3");
            case "INDICATION" -> ICD_PREFIXES.matcher(v).matches();
            case "INSUTYPE_ONLY" -> v.equals("WORK_INJURY") || v.equals("MATERNITY");
            case "HERBAL_SINGLE_NOT_PAYABLE", "ROUTINE", "BED_DAY" -> v.equals("1");
            default -> true;
        };
        return ok ? Optional.empty() : Optional.of("lmt_value '" + FieldParser.abbreviate(value)
                + "' cannot be read for lmt_type " + type + " (see the README, knowledge point values)");
    }
}
