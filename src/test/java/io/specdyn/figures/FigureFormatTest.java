package io.specdyn.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

class FigureFormatTest {

    /**
     * A PDF is a one-page PDF document at the figure's size in points, and two renders give the
     * same bytes: PDFBox would otherwise derive the trailer's /ID from the clock (milliseconds,
     * which a render lasts longer than).
     */
    @Test
    void pdfIsAOnePageDocumentWithTheSameBytesEveryTime() throws IOException {
        Figure figure = TestFigures.small("T1");
        byte[] first = FigureFormat.PDF.render(figure);
        byte[] second = FigureFormat.PDF.render(figure);
        assertEquals("%PDF-", new String(first, 0, 5, StandardCharsets.US_ASCII));
        assertArrayEquals(first, second, "two renders of the same figure");
        String text = new String(first, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("CreationDate") || text.contains("ModDate"), "no dates in the document");
        try (PDDocument document = Loader.loadPDF(first)) {
            assertEquals(1, document.getNumberOfPages());
            PDRectangle box = document.getPage(0).getMediaBox();
            assertEquals(figure.width(), box.getWidth(), 1e-3);
            assertEquals(figure.height(), box.getHeight(), 1e-3);
        }
    }

    /**
     * Every format gives the same bytes whatever the JVM's default locale: under German defaults
     * JFreeChart's tick labels read "0,05" unless the renderer fixes their locale.
     */
    @Test
    void bytesDoNotDependOnTheDefaultLocale() throws IOException {
        Figure figure = TestFigures.small("T2");
        Locale saved = Locale.getDefault();
        Locale savedFormat = Locale.getDefault(Locale.Category.FORMAT);
        try {
            for (FigureFormat format : FigureFormat.ALL) {
                Locale.setDefault(Locale.ROOT);
                byte[] root = format.render(figure);
                Locale.setDefault(Locale.GERMANY);
                byte[] german = format.render(figure);
                assertArrayEquals(root, german, format.extension() + " under Locale.GERMANY");
            }
        } finally {
            Locale.setDefault(saved);
            Locale.setDefault(Locale.Category.FORMAT, savedFormat);
        }
    }

    /** The SVG's tick labels are the ROOT locale's, as a reader of the figure expects. */
    @Test
    void tickLabelsUseADecimalPoint() throws IOException {
        Locale saved = Locale.getDefault();
        Locale savedFormat = Locale.getDefault(Locale.Category.FORMAT);
        try {
            Locale.setDefault(Locale.GERMANY);
            String svg = new String(FigureFormat.SVG.render(TestFigures.small("T3")), StandardCharsets.UTF_8);
            assertTrue(svg.contains(">0.05<"), "a tick label 0.05");
            assertFalse(svg.contains(">0,05<"), "no tick label 0,05");
        } finally {
            Locale.setDefault(saved);
            Locale.setDefault(Locale.Category.FORMAT, savedFormat);
        }
    }
}
