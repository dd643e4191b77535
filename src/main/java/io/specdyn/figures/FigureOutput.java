package io.specdyn.figures;

import com.fasterxml.jackson.annotation.JsonProperty;
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
    private final Map<String, Entry> entries = new TreeMap<>(FigureOutput::byNumber);

    /**
     * One figure's entry in {@code manifest.json}, as written and as read back.
     *
     * @param files      each format's file name in the folder, by extension
     * @param sha256     each file's SHA-256, by extension
     * @param pngSize    the PNG's width and height in pixels
     * @param quick      whether the figure was made with {@code --quick}
     * @param parameters the experiment's parameters
     */
    public record Entry(String id, String title, String caption, Map<String, String> files, Map<String, String> sha256,
                        @JsonProperty("png-size") List<Integer> pngSize, Boolean quick, Map<String, Object> parameters) {

        /** The members in the order the manifest lists them. */
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("title", title);
            m.put("caption", caption);
            m.put("files", files);
            m.put("sha256", sha256);
            m.put("png-size", pngSize);
            m.put("quick", quick);
            m.put("parameters", parameters);
            return m;
        }
    }

    /** The manifest as read back: its figures (other members are rewritten from the header). */
    private record Manifest(List<Entry> figures) {
    }

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
        List<Entry> list;
        try {
            Manifest old = Json.read(Files.readString(manifest), Manifest.class);
            if (old == null || old.figures() == null) {
                throw new IllegalArgumentException("no list of figures");
            }
            list = old.figures();
        } catch (IOException | RuntimeException e) {
            warnings.accept(manifest + " cannot be read (" + e.getMessage() + "); rebuilding it: it lists the "
                    + "figures written from now on");
            return;
        }
        for (Entry entry : list) {
            if (entry == null || entry.id() == null) {
                continue;
            }
            if (matchesItsFiles(entry)) {
                entries.put(entry.id(), entry);
            } else {
                warnings.accept(manifest + ": the files of " + entry.id() + " are not those it records; dropped from it "
                        + "until " + entry.id() + " is written again");
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
            Entry previous = entries.get(id);
            if (previous != null && !matchesItsFiles(previous)) {
                entries.remove(id);
                writeManifest();
            }
            throw e;
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String extension : sums.keySet()) {
            files.put(extension, name + "." + extension);
        }
        Entry entry = new Entry(id, figure.title(), figure.caption(), files, new LinkedHashMap<>(sums),
                List.of(figure.width() * FigureRenderer.PNG_SCALE, figure.height() * FigureRenderer.PNG_SCALE), quick,
                parameters);
        entries.put(id, entry);
        writeManifest();
    }

    private void writeManifest() throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>(header);
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Entry entry : entries.values()) {
            figures.add(entry.toJson());
        }
        manifest.put("figures", figures);
        AtomicFiles.writeString(folder.resolve(MANIFEST), Json.write(manifest));
    }

    /** Whether every file an entry lists exists and has the SHA-256 it records. */
    private boolean matchesItsFiles(Entry entry) throws IOException {
        if (entry.files() == null || entry.sha256() == null || entry.files().isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> file : entry.files().entrySet()) {
            String fileName = file.getValue();
            if (fileName == null || fileName.contains("/") || fileName.contains("\\")) {
                return false;
            }
            Path path = folder.resolve(fileName);
            if (!Files.isRegularFile(path) || !FigureFiles.sha256(path).equals(entry.sha256().get(file.getKey()))) {
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
