package org.fundwatch.rules;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 records of a pack file, each with the line it starts on (packs are small: read whole). */
final class PackCsv {

    record Record(int line, List<String> fields) {
    }

    private PackCsv() {
    }

    static List<Record> parse(String file, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Record> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new PolicyException(PolicyException.Code.BAD_RULE_ROW,
                            file + " line " + line + ": quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                addUnlessBlank(out, recordLine, fields);
                fields = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new PolicyException(PolicyException.Code.BAD_RULE_ROW,
                    file + " line " + recordLine + ": quoted field not closed");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            addUnlessBlank(out, recordLine, fields);
        }
        return out;
    }

    private static void addUnlessBlank(List<Record> out, int line, List<String> fields) {
        boolean blank = fields.stream().allMatch(String::isBlank);
        boolean comment = !fields.isEmpty() && fields.get(0).startsWith("#");
        if (!blank && !comment) {
            out.add(new Record(line, List.copyOf(fields)));
        }
    }
}
