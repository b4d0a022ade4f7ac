package org.fundwatch.serve.dashboard;

import java.util.Locale;
import org.fundwatch.rules.ViolationType;

/**
 * The name of a violation type ({@code vola_bhvr_type}, 违规行为类型) in both languages: the Chinese of
 * {@link ViolationType}, the English from the code ({@code OVER_PRICE_CAP} → "Over price cap"). A code outside the
 * vocabulary (a newer rule pack) is shown as it is.
 */
public record ViolationLabel(String code, String zh, String en) {
    public static ViolationLabel of(String code) {
        String english = code.isEmpty() ? code
                : code.charAt(0) + code.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
        try {
            return new ViolationLabel(code, ViolationType.valueOf(code).chineseName(), english);
        } catch (IllegalArgumentException e) {
            return new ViolationLabel(code, code, code);
        }
    }

    public String in(boolean english) {
        return english ? en : zh;
    }
}
