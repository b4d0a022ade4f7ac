package org.fundwatch.serve.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The Chinese font the notices embed (a subset of it, so that every reader renders them): {@code FUNDWATCH_PDF_FONT}
 * (a TrueType .ttf, or a .ttc collection whose first font is taken), else the first of Debian's TrueType CJK fonts
 * found (fonts-wqy-zenhei, which {@code bin/install-test-deps} installs; fonts-arphic-uming; fonts-droid-fallback).
 * The OpenType/CFF Noto CJK fonts cannot be embedded by PDFBox and are not used.
 */
final class CjkFont {
    static final String VARIABLE = "FUNDWATCH_PDF_FONT";
    static final List<Path> DEBIAN = List.of(Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"));

    private final Optional<Path> file;

    private CjkFont(Optional<Path> file) {
        this.file = file;
    }

    static CjkFont locate(Optional<String> configured) {
        if (configured.filter(s -> !s.isBlank()).isPresent()) {
            return new CjkFont(Optional.of(Path.of(configured.get())).filter(Files::isReadable));
        }
        return new CjkFont(DEBIAN.stream().filter(Files::isReadable).findFirst());
    }

    Optional<Path> file() {
        return file;
    }

    /** Loads the font into {@code document} for subset embedding; {@code close} the collection after saving. */
    Loaded load(PDDocument document) throws IOException {
        Path f = file.orElseThrow(() -> new IllegalStateException("no CJK font"));
        if (f.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(f.toFile());
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(ttf -> {
                if (first[0] == null) {
                    first[0] = ttf;
                }
            });
            return new Loaded(PDType0Font.load(document, first[0], true), collection);
        }
        return new Loaded(PDType0Font.load(document, f.toFile()), null);
    }

    /** A loaded font and the collection to close once the document is saved. */
    record Loaded(PDType0Font font, TrueTypeCollection collection) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (collection != null) {
                collection.close();
            }
        }
    }
}
