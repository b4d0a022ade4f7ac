package org.fundwatch.serve.cases;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** The queue as an Excel workbook, streamed (SXSSF keeps 200 rows in memory, whatever the size of the export). */
final class ExcelExport {
    private static final List<String> ZH = List.of("疑点编号", "规则", "规则名称", "违规类型", "严重程度", "金额（元）",
            "定点机构编码", "定点机构", "期间", "状态", "期限", "经办人", "违规内容");
    private static final List<String> EN = List.of("jr_id", "Rule", "Rule name", "Violation type", "Severity",
            "Amount (yuan)", "Institution code", "Institution", "Period", "State", "Due", "Assignee", "What was found");

    private ExcelExport() {
    }

    /** Writes the rows that {@code rows} hands to its sink. */
    static void write(OutputStream out, boolean english, Consumer<Consumer<FindingQueue.Row>> rows) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            book.setCompressTempFiles(true);
            Sheet sheet = book.createSheet(english ? "Findings" : "疑点清单");
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle money = book.createCellStyle();
            money.setDataFormat(book.createDataFormat().getFormat("#,##0.00"));
            Row header = sheet.createRow(0);
            List<String> names = english ? EN : ZH;
            for (int i = 0; i < names.size(); i++) {
                Cell c = header.createCell(i);
                c.setCellValue(names.get(i));
                c.setCellStyle(bold);
            }
            sheet.createFreezePane(0, 1);
            int[] next = {1};
            rows.accept(r -> {
                Row row = sheet.createRow(next[0]++);
                row.createCell(0).setCellValue(r.jrId());
                row.createCell(1).setCellValue(r.ruleId());
                row.createCell(2).setCellValue(r.ruleName());
                row.createCell(3).setCellValue(english ? r.type() : FindingsController.typeName(r.type()));
                row.createCell(4).setCellValue(r.sevDeg());
                if (r.volaAmt() != null) {
                    Cell amt = row.createCell(5);
                    // Excel has no decimal type; the amount has two decimals, which a double keeps exactly enough
                    amt.setCellValue(r.volaAmt().doubleValue());
                    amt.setCellStyle(money);
                }
                row.createCell(6).setCellValue(nz(r.institution()));
                row.createCell(7).setCellValue(nz(r.institutionName()));
                row.createCell(8).setCellValue(r.period());
                row.createCell(9).setCellValue(english ? r.state().en() : r.state().zh());
                row.createCell(10).setCellValue(r.dueDate() == null ? "" : r.dueDate().toString());
                row.createCell(11).setCellValue(nz(r.assignee()));
                row.createCell(12).setCellValue(nz(r.volaCont()));
            });
            book.write(out);
            book.dispose();
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
