package org.fundwatch.serve.web;

/**
 * Masking of personal data (个人信息脱敏) for the roles that do not need it: an ID number keeps its first four and
 * last four characters (the area and the check digits), a name its first character.
 */
public final class PersonalData {
    private PersonalData() {
    }

    public static String certno(String certno) {
        if (certno == null || certno.isEmpty()) {
            return "";
        }
        if (certno.length() <= 8) {
            return "*".repeat(certno.length());
        }
        return certno.substring(0, 4) + "*".repeat(certno.length() - 8) + certno.substring(certno.length() - 4);
    }

    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }
}
