package io.specdyn.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An output folder filled all at once: files are written into a hidden staging folder beside the
 * target and moved into place by {@link #commit()}, so an interrupted or failed run leaves no
 * half-written output. A new target folder appears by one rename; into an existing one the files
 * are moved one by one, each atomically, in the order they were written.
 */
public final class OutputDir implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final List<String> files = new ArrayList<>();
    private boolean committed;

    private OutputDir(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /**
     * Prepares to write into {@code target}, creating its parent folders if needed.
     *
     * @throws IOException if the folder cannot be created or written
     */
    public static OutputDir open(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new NotDirectoryException(target + " exists and is not a folder");
        }
        Path parent = absolute.getParent();
        if (parent == null) {
            throw new IOException("cannot write into the file system root");
        }
        Files.createDirectories(parent);
        Path staging = AtomicFiles.createUnique(parent, "." + absolute.getFileName() + ".partial-", "", true);
        return new OutputDir(absolute, staging);
    }

    /** Where a file of this output is written before the commit. */
    public Path file(String name) {
        if (!files.contains(name)) {
            files.add(name);
        }
        return staging.resolve(name);
    }

    public Path target() {
        return target;
    }

    /** Moves the written files into the target folder. */
    public void commit() throws IOException {
        if (!Files.exists(target)) {
            try {
                Files.move(staging, target);
                committed = true;
                return;
            } catch (IOException raced) {
                Files.createDirectories(target);
            }
        }
        for (String name : files) {
            Path written = staging.resolve(name);
            if (Files.exists(written)) {
                AtomicFiles.move(written, target.resolve(name));
            }
        }
        committed = true;
        deleteStaging();
    }

    /** Removes the staging folder if the output was not committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            deleteStaging();
        }
    }

    private void deleteStaging() throws IOException {
        if (!Files.exists(staging)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
        }
        Files.deleteIfExists(staging);
    }
}
