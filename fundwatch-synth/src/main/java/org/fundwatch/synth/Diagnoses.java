package org.fundwatch.synth;

import java.util.Map;

/** The ICD-10 (医保版) diagnoses the generator uses, with their Chinese names. */
final class Diagnoses {
    static final String URTI = "J06.9";
    static final String BRONCHITIS = "J20.9";
    static final String PNEUMONIA = "J18.9";
    static final String HYPERTENSION = "I10";
    static final String DIABETES = "E11.9";
    static final String LIPIDS = "E78.5";
    static final String CORONARY = "I25.1";
    static final String STROKE = "I63.9";
    static final String GASTRITIS = "K29.7";
    static final String APPENDICITIS = "K35.8";
    static final String ENTERITIS = "A09.9";
    static final String LOW_BACK_PAIN = "M54.5";
    static final String PROSTATE = "N40";
    static final String MENORRHAGIA = "N92.0";
    static final String HEADACHE = "R51";
    static final String CKD = "N18.9";
    static final String STROKE_OCCLUSION = "I63.5";
    static final String FATTY_LIVER = "K76.0";
    static final String CONCUSSION = "S06.0";
    static final String PREGNANCY = "Z34.9";
    static final String FATIGUE = "R53";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(URTI, "急性上呼吸道感染"), Map.entry(BRONCHITIS, "急性支气管炎"), Map.entry(PNEUMONIA, "肺炎"),
            Map.entry(HYPERTENSION, "特发性（原发性）高血压"), Map.entry(DIABETES, "2型糖尿病不伴有并发症"),
            Map.entry(LIPIDS, "高脂血症"), Map.entry(CORONARY, "动脉硬化性心脏病"), Map.entry(STROKE, "脑梗死"),
            Map.entry(STROKE_OCCLUSION, "脑动脉闭塞或狭窄引起的脑梗死"),
            Map.entry(GASTRITIS, "胃炎"), Map.entry(APPENDICITIS, "急性阑尾炎"), Map.entry(ENTERITIS, "胃肠炎和结肠炎"),
            Map.entry(LOW_BACK_PAIN, "下背痛"), Map.entry(PROSTATE, "前列腺增生"), Map.entry(MENORRHAGIA, "月经过多"),
            Map.entry(HEADACHE, "头痛"), Map.entry(CKD, "慢性肾脏病"), Map.entry(FATTY_LIVER, "脂肪肝"),
            Map.entry(CONCUSSION, "脑震荡"), Map.entry(PREGNANCY, "正常妊娠监督"), Map.entry(FATIGUE, "不适和疲劳"));

    private Diagnoses() {
    }

    static String name(String code) {
        return NAMES.getOrDefault(code, code);
    }
}
