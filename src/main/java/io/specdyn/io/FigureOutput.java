package io.specdyn.io;

import io.specdyn.figures.Figure;
import io.specdyn.figures.FigureCsv;
import io.specdyn.figures.FigureRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes figures into a folder: for each, {@code NAME.png}, {@code NAME.svg} and {@code NAME.csv}
 * (the data plotted), each file atomically, and {@code manifest.json}, rewritten atomically after
 * every figure. A run that is interrupted keeps every figure it finished.
 */
public final class FigureOutput {
    public static final String MANIFEST = "manifest.json";

    private final Path folder;
    private final Map<String, Object> header;
    private final Map<String, Object> entries = new TreeMap<>(FigureOutput::byNumber);

    /**
     * @param header manifest fields other than {@code figures} (program, version, provenance)
     */
    public FigureOutput(Path folder, Map<String, Object> header) throws IOException {
        this.folder = folder;
        this.header = new LinkedHashMap<>(header);
        Files.createDirectories(folder);
        Path manifest = folder.resolve(MANIFEST);
        if (Files.exists(manifest)) {
            Object old = Json.parse(Files.readString(manifest));
            if (old instanceof Map<?, ?> map && map.get("figures") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> entry && entry.get("id") instanceof String id) {
                        entries.put(id, entry);
                    }
                }
            }
        }
    }

    /** Writes one figure's files and records it in the manifest. */
    public void write(String id, Figure figure, Map<String, Object> parameters, boolean quick) throws IOException {
        String name = figure.id();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        FigureRenderer.png(figure, png);
        AtomicFiles.writeBytes(folder.resolve(name + ".png"), png.toByteArray());
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        FigureRenderer.svg(figure, svg);
        AtomicFiles.writeBytes(folder.resolve(name + ".svg"), svg.toByteArray());
        AtomicFiles.write(folder.resolve(name + ".csv"), out -> FigureCsv.write(figure, out));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("title", figure.title());
        entry.put("caption", figure.caption());
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("png", name + ".png");
        files.put("svg", name + ".svg");
        files.put("csv", name + ".csv");
        entry.put("files", files);
        entry.put("png-size", List.of(figure.width() * FigureRenderer.PNG_SCALE, figure.height() * FigureRenderer.PNG_SCALE));
        entry.put("quick", quick);
        entry.put("parameters", parameters);
        entries.put(id, entry);
        Map<String, Object> manifest = new LinkedHashMap<>(header);
        manifest.put("figures", new ArrayList<>(entries.values()));
        AtomicFiles.writeString(folder.resolve(MANIFEST), Json.write(manifest));
    }

    /** F2 before F10. */
    private static int byNumber(String x, String y) {
        return Integer.compare(number(x), number(y)) != 0 ? Integer.compare(number(x), number(y)) : x.compareTo(y);
    }

    private static int number(String id) {
        try {
            return Integer.parseInt(id.substring(1));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }
}
