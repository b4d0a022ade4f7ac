package org.fundwatch.serve.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** A printable notice (通知书) on A4: title, number, addressee, paragraphs wrapped by width, issuer and date. */
record NoticePdf(String title, String number, String addressee, List<String> paragraphs, String issuer,
                 LocalDate date) {
    private static final float MARGIN = 64;
    private static final float BODY = 12;
    private static final float LEADING = 21;

    byte[] render(CjkFont cjk) throws IOException {
        try (PDDocument doc = new PDDocument(); CjkFont.Loaded loaded = cjk.load(doc)) {
            PDType0Font font = loaded.font();
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title + " " + number);
            info.setCreator("Fundwatch");
            PDRectangle a4 = PDRectangle.A4;
            float width = a4.getWidth() - 2 * MARGIN;
            List<Line> lines = new ArrayList<>();
            lines.add(new Line(title, 20, true));
            lines.add(new Line(number, BODY, true));
            lines.add(new Line("", BODY, false));
            for (String l : wrap(font, addressee + "：", BODY, width)) {
                lines.add(new Line(l, BODY, false));
            }
            for (String p : paragraphs) {
                for (String l : wrap(font, "　　" + p, BODY, width)) {
                    lines.add(new Line(l, BODY, false));
                }
            }
            lines.add(new Line("", BODY, false));
            lines.add(new Line(String.join("", wrap(font, issuer, BODY, width * 4)), BODY, false, true));
            lines.add(new Line(date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日", BODY,
                    false, true));
            PDPage page = null;
            PDPageContentStream out = null;
            float y = 0;
            try {
                for (Line l : lines) {
                    if (out == null || y < MARGIN + LEADING) {
                        if (out != null) {
                            out.close();
                        }
                        page = new PDPage(a4);
                        doc.addPage(page);
                        out = new PDPageContentStream(doc, page);
                        y = a4.getHeight() - MARGIN;
                    }
                    float textWidth = font.getStringWidth(l.text()) / 1000 * l.size();
                    float x = l.centred() ? (a4.getWidth() - textWidth) / 2
                            : l.right() ? a4.getWidth() - MARGIN - textWidth : MARGIN;
                    if (!l.text().isEmpty()) {
                        out.beginText();
                        out.setFont(font, l.size());
                        out.newLineAtOffset(x, y);
                        out.showText(l.text());
                        out.endText();
                    }
                    y -= l.size() > BODY ? LEADING * 1.8f : LEADING;
                }
            } finally {
                if (out != null) {
                    out.close();
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        }
    }

    private record Line(String text, float size, boolean centred, boolean right) {
        Line(String text, float size, boolean centred) {
            this(text, size, centred, false);
        }
    }

    /** Breaks a paragraph into lines no wider than {@code width}, by character (Chinese has no spaces to break at). */
    private static List<String> wrap(PDType0Font font, String text, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        float used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String ch = printable(font, new String(Character.toChars(cp)));
            float w = font.getStringWidth(ch) / 1000 * size;
            if (used + w > width && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
                used = 0;
            }
            line.append(ch);
            used += w;
            i += Character.charCount(cp);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The character, or a white square when the font has no glyph for it (the notice still prints). */
    private static String printable(PDType0Font font, String ch) throws IOException {
        try {
            font.encode(ch);
            return ch;
        } catch (IllegalArgumentException e) {
            return "□";
        }
    }
}
