package io.specdyn.figures;

import io.specdyn.io.AtomicFiles;
import io.specdyn.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes figures into a folder: for each, its files in every format (see {@link FigureFiles}) and
 * its entry in {@code manifest.json}, which is rewritten atomically after the files. An entry
 * records each file's SHA-256, and the manifest lists a figure only while its files are the ones
 * recorded, so it never vouches for a half-replaced figure. A run that is interrupted keeps every
 * figure it finished.
 *
 * <p>An existing manifest is read first, so that the figures written earlier stay listed. One that
 * cannot be read (a merge conflict, a truncated file) is rebuilt: it lists the figures written
 * from then on. Entries whose files no longer match are dropped. Both are reported as warnings.
 */
public final class FigureOutput {
    public static final String MANIFEST = "manifest.json";

    private final Path folder;
    private final Map<String, Object> header;
    private final List<FigureFormat> formats;
    private final Map<String, Map<?, ?>> entries = new TreeMap<>(FigureOutput::byNumber);

    /** As {@link #FigureOutput(Path, Map, List, Consumer)} with every format, warnings to standard error. */
    public FigureOutput(Path folder, Map<String, Object> header) throws IOException {
        this(folder, header, FigureFormat.ALL, warning -> System.err.println("specdyn: warning: " + warning));
    }

    /**
     * @param header   manifest fields other than {@code figures} (program, version, provenance)
     * @param formats  the formats each figure is written in
     * @param warnings receives one line for a manifest rebuilt or an entry dropped
     */
    public FigureOutput(Path folder, Map<String, Object> header, List<FigureFormat> formats, Consumer<String> warnings)
            throws IOException {
        this.folder = folder;
        this.header = new LinkedHashMap<>(header);
        this.formats = List.copyOf(formats);
        Files.createDirectories(folder);
        FigureFiles.removeStale(folder);
        Path manifest = folder.resolve(MANIFEST);
        if (Files.exists(manifest)) {
            read(manifest, warnings);
        }
    }

    private void read(Path manifest, Consumer<String> warnings) throws IOException {
        List<?> list;
        try {
            Object old = Json.parse(Files.readString(manifest));
            if (!(old instanceof Map<?, ?> map) || !(map.get("figures") instanceof List<?> figures)) {
                throw new IllegalArgumentException("no list of figures");
            }
            list = figures;
        } catch (IOException | RuntimeException e) {
            warnings.accept(manifest + " cannot be read (" + e.getMessage() + "); rebuilding it: it lists the "
                    + "figures written from now on");
            return;
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?> entry && entry.get("id") instanceof String id) {
                if (matchesItsFiles(entry)) {
                    entries.put(id, entry);
                } else {
                    warnings.accept(manifest + ": the files of " + id + " are not those it records; dropped from it "
                            + "until " + id + " is written again");
                }
            }
        }
    }

    /** Writes one figure's files, then records it in the manifest. */
    public void write(String id, Figure figure, Map<String, Object> parameters, boolean quick) throws IOException {
        String name = figure.id();
        Map<String, String> sums;
        try {
            sums = FigureFiles.write(folder, name, figure, formats);
        } catch (IOException | RuntimeException e) {
            Map<?, ?> previous = entries.get(id);
            if (previous != null && !matchesItsFiles(previous)) {
                entries.remove(id);
                writeManifest();
            }
            throw e;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("title", figure.title());
        entry.put("caption", figure.caption());
        Map<String, Object> files = new LinkedHashMap<>();
        for (String extension : sums.keySet()) {
            files.put(extension, name + "." + extension);
        }
        entry.put("files", files);
        entry.put("sha256", new LinkedHashMap<String, Object>(sums));
        entry.put("png-size", List.of(figure.width() * FigureRenderer.PNG_SCALE, figure.height() * FigureRenderer.PNG_SCALE));
        entry.put("quick", quick);
        entry.put("parameters", parameters);
        entries.put(id, entry);
        writeManifest();
    }

    private void writeManifest() throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>(header);
        manifest.put("figures", new ArrayList<>(entries.values()));
        AtomicFiles.writeString(folder.resolve(MANIFEST), Json.write(manifest));
    }

    /** Whether every file an entry lists exists and has the SHA-256 it records. */
    private boolean matchesItsFiles(Map<?, ?> entry) throws IOException {
        if (!(entry.get("files") instanceof Map<?, ?> files) || !(entry.get("sha256") instanceof Map<?, ?> sums)
                || files.isEmpty()) {
            return false;
        }
        for (Map.Entry<?, ?> file : files.entrySet()) {
            if (!(file.getValue() instanceof String fileName) || fileName.contains("/") || fileName.contains("\\")) {
                return false;
            }
            Path path = folder.resolve(fileName);
            if (!Files.isRegularFile(path) || !FigureFiles.sha256(path).equals(sums.get(file.getKey()))) {
                return false;
            }
        }
        return true;
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
