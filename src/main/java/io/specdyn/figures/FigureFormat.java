package io.specdyn.figures;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One file format a figure is written in: PNG, SVG and PDF images, and the CSV of the data plotted.
 * Every format writes the same bytes for the same figure, whatever the JVM's locale or the time.
 *
 * @param extension the file name extension, without the dot; also the format's key in a manifest
 * @param writing   writes a figure to a stream (not closed)
 */
public record FigureFormat(String extension, Writing writing) {
    public static final FigureFormat PNG = new FigureFormat("png", FigureRenderer::png);
    public static final FigureFormat SVG = new FigureFormat("svg", FigureRenderer::svg);
    public static final FigureFormat PDF = new FigureFormat("pdf", FigureRenderer::pdf);
    public static final FigureFormat CSV = new FigureFormat("csv", (figure, out) -> {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        FigureCsv.write(figure, writer);
        writer.flush();
    });

    /** Every format, in the order a manifest lists the files. */
    public static final List<FigureFormat> ALL = List.of(PNG, SVG, PDF, CSV);

    /** Writes a figure to a stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writing {
        void write(Figure figure, OutputStream out) throws IOException;
    }

    /** The bytes of {@code figure} in this format. */
    public byte[] render(Figure figure) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1 << 16);
        writing.write(figure, out);
        return out.toByteArray();
    }
}
