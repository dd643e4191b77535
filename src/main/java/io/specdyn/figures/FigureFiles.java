package io.specdyn.figures;

import io.specdyn.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one figure's files ({@code NAME.png}, {@code NAME.svg}, ...) as one unit. Every format is
 * rendered in memory first, then written into a hidden staging folder
 * {@code .NAME.partial-PID-*} inside the target folder, and only then renamed into place, file by
 * file. A failure while rendering or staging leaves the folder as it was; a failed rename puts
 * back the files already replaced. Only a crash during the renames (milliseconds) can leave a
 * mixture, which the SHA-256 of each file, returned for a manifest, reveals.
 */
public final class FigureFiles {
    private static final String STAGING = ".partial-";

    private FigureFiles() {
    }

    /**
     * Writes {@code figure} in each of {@code formats} as {@code folder/NAME.EXT}.
     *
     * @return the SHA-256 (lower-case hex) of each file written, keyed by extension, in the order of {@code formats}
     */
    public static Map<String, String> write(Path folder, String name, Figure figure, List<FigureFormat> formats)
            throws IOException {
        Map<String, byte[]> rendered = new LinkedHashMap<>();
        for (FigureFormat format : formats) {
            rendered.put(format.extension(), format.render(figure));
        }
        Path staging = Files.createTempDirectory(folder, "." + name + STAGING + ProcessHandle.current().pid() + "-");
        try {
            for (Map.Entry<String, byte[]> e : rendered.entrySet()) {
                Files.write(staging.resolve(name + "." + e.getKey()), e.getValue());
            }
            replace(folder, staging, rendered.keySet().stream().map(ext -> name + "." + ext).toList());
        } finally {
            deleteFolder(staging);
        }
        Map<String, String> sums = new LinkedHashMap<>();
        rendered.forEach((ext, bytes) -> sums.put(ext, sha256(bytes)));
        return sums;
    }

    /**
     * Renames each staged file over its namesake in {@code folder}; if one rename fails, the files
     * already replaced get their old content back (kept as hard links, or copies, in the staging
     * folder) and the new ones are removed.
     */
    private static void replace(Path folder, Path staging, List<String> names) throws IOException {
        Path backups = Files.createDirectory(staging.resolve(".old"));
        List<String> done = new ArrayList<>();
        try {
            for (String name : names) {
                Path target = folder.resolve(name);
                if (Files.isRegularFile(target)) {
                    keep(target, backups.resolve(name));
                }
                AtomicFiles.move(staging.resolve(name), target);
                done.add(name);
            }
        } catch (IOException | RuntimeException failure) {
            for (String name : done) {
                try {
                    Path backup = backups.resolve(name);
                    if (Files.exists(backup)) {
                        AtomicFiles.move(backup, folder.resolve(name));
                    } else {
                        Files.deleteIfExists(folder.resolve(name));
                    }
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
            }
            throw failure;
        }
    }

    private static void keep(Path file, Path backup) throws IOException {
        try {
            Files.createLink(backup, file);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /**
     * Removes the staging folders in {@code folder} left by processes that no longer run (killed
     * while writing a figure). Those of running processes are left alone.
     */
    public static void removeStale(Path folder) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".*" + STAGING + "*")) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString();
                rest = rest.substring(rest.lastIndexOf(STAGING) + STAGING.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (Files.isDirectory(entry) && ProcessHandle.of(pid).isEmpty()) {
                    deleteFolder(entry);
                }
            }
        }
    }

    /** The SHA-256 of {@code file}'s content, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    deleteFolder(entry);
                } else {
                    Files.deleteIfExists(entry);
                }
            }
        }
        Files.deleteIfExists(folder);
    }
}
