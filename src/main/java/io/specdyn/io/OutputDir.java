package io.specdyn.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An output folder that appears whole or not at all, and replaces an earlier output whole.
 *
 * <p>The rule for an existing folder, the same for every command that writes one: a missing or
 * empty folder is filled; a folder holding an earlier output of the same command (its manifest,
 * the {@code marker} file, for example {@code run.json}) is replaced whole, so that nothing of
 * the earlier output (a stale {@code plot.png}) stays beside the new one; any other non-empty
 * folder is refused and left as it was.
 *
 * <p>The files are written into {@code out/} of a hidden work folder beside the target,
 * {@code .NAME.partial-XXXX}, which also holds an {@code owner} file (process id, host, start
 * time of the process). {@link #commit()} moves an earlier output into the work folder, renames
 * {@code out/} into place and deletes the work folder. An interrupted run leaves no litter: on
 * SIGINT or SIGTERM a shutdown hook deletes the work folders of the outputs in progress, and a
 * work folder left by a process that no longer runs (SIGKILL, power loss) is removed by the next
 * output opened in the same parent, which first puts back an earlier output that a kill caught
 * half-replaced. An output that another live process is writing (its work folder is there) is
 * refused, so that two processes never write one output unknowingly.
 *
 * <p>Everything that can make the folder unwritable (a path through a file, a dangling or looping
 * symbolic link, a read-only folder, a foreign non-empty folder) is checked by {@link #open}
 * before anything is created, so that callers can open the output before any computation.
 */
public final class OutputDir implements AutoCloseable {
    static final String WORK_INFIX = ".partial-";
    static final String OWNER_FILE = "owner";
    private static final String CONTENT = "out";
    private static final String REPLACED = "old";
    private static final int COMMIT_ATTEMPTS = 5;

    private final Path target;
    private final Path work;
    private final Path staging;
    private final Runnable onExit = this::abandon;
    private boolean committed;
    private boolean abandoned;

    private OutputDir(Path target, Path work) {
        this.target = target;
        this.work = work;
        this.staging = work.resolve(CONTENT);
    }

    /** Why a folder cannot be used as an output; the message is the reason, in words. */
    public static final class Unusable extends IOException {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /**
     * Checks that {@code target} can be written and holds nothing but an earlier output with
     * {@code marker}, removes stale work folders in its parent, and prepares to write.
     *
     * @param marker the file that marks an earlier output of the same command, for example {@code run.json}
     * @throws Unusable   if the folder cannot be used, with the reason
     * @throws IOException if the file system fails
     */
    public static OutputDir open(Path target, String marker) throws IOException {
        Path resolved = usable(target, marker);
        Path parent = resolved.getParent();
        removeStale(parent);
        Files.createDirectories(parent);
        Path work = AtomicFiles.createUnique(parent, "." + resolved.getFileName() + WORK_INFIX, "", true);
        OutputDir dir = new OutputDir(resolved, work);
        Litter.register(dir.onExit);
        try {
            Files.writeString(work.resolve(OWNER_FILE), Owner.current().text());
            Optional<Owner> other = otherWriter(work, resolved);
            if (other.isPresent()) {
                throw new Unusable(resolved + " is being written by process " + other.get().pid() + " on "
                        + other.get().host() + "; wait for it to end, or give another folder");
            }
            Files.createDirectory(dir.staging);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
        return dir;
    }

    /**
     * The owner of another work folder for {@code target} that is not known to be gone: a process
     * writing the same output now. Each process writes its owner file before it looks, so of two that
     * start together at least one sees the other.
     */
    private static Optional<Owner> otherWriter(Path work, Path target) throws IOException {
        String prefix = "." + target.getFileName() + WORK_INFIX;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent(), ".*" + WORK_INFIX + "*")) {
            for (Path entry : entries) {
                if (!entry.equals(work) && entry.getFileName().toString().startsWith(prefix)
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Optional<Owner> owner = Owner.read(entry.resolve(OWNER_FILE)).filter(o -> !o.gone());
                    if (owner.isPresent()) {
                        return owner;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The folder to write, with symbolic links resolved, if it can be used; nothing is created. */
    static Path usable(Path target, String marker) throws IOException {
        if (target.toString().isEmpty()) {
            throw new Unusable("names no folder (give a folder, for example runs/x)");
        }
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new Unusable("cannot write into the file system root");
        }
        if (Files.isSymbolicLink(absolute)) {
            absolute = followLink(absolute);
            if (absolute.getParent() == null) {
                throw new Unusable("cannot write into the file system root");
            }
        }
        Path ancestor = absolute.getParent();
        while (!Files.exists(ancestor)) {
            if (Files.isSymbolicLink(ancestor)) {
                followLink(ancestor);
            }
            ancestor = ancestor.getParent();
        }
        if (!Files.isDirectory(ancestor)) {
            throw new Unusable(ancestor + " is a file, not a folder");
        }
        if (!Files.isWritable(ancestor)) {
            throw new Unusable(ancestor + " is read-only");
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(absolute)) {
                throw new Unusable(absolute + " exists and is not a folder");
            }
            if (!Files.isWritable(absolute)) {
                throw new Unusable(absolute + " is read-only");
            }
            if (Path.of("").toAbsolutePath().startsWith(absolute)) {
                throw new Unusable(absolute + " holds the current folder, which would be replaced");
            }
            if (!isEmpty(absolute) && !Files.isRegularFile(absolute.resolve(marker))) {
                throw new Unusable(absolute + " is not empty and is not an earlier output of this command (it has no "
                        + marker + "); give a new or empty folder, it is left as it is");
            }
        }
        return absolute;
    }

    /**
     * Bytes free for this process on the disk that would hold {@code target} (that of its
     * nearest existing ancestor), for checking that an output fits before it is computed.
     */
    public static long usableSpace(Path target) throws IOException {
        Path ancestor = target.toAbsolutePath().normalize();
        while (ancestor != null && !Files.isDirectory(ancestor)) {
            ancestor = ancestor.getParent();
        }
        return ancestor == null ? Long.MAX_VALUE : Files.getFileStore(ancestor).getUsableSpace();
    }

    /** The real path a symbolic link leads to, or the reason it leads nowhere. */
    private static Path followLink(Path link) throws IOException {
        try {
            return link.toRealPath();
        } catch (NoSuchFileException e) {
            throw new Unusable(link + " is a symbolic link to " + Files.readSymbolicLink(link) + ", which does not exist");
        } catch (FileSystemException e) {
            throw new Unusable(link + " is a symbolic link that cannot be followed"
                    + (e.getReason() != null ? " (" + e.getReason().toLowerCase(java.util.Locale.ROOT) + ")" : ""));
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    /** Where a file of this output is written before the commit. */
    public Path file(String name) {
        return staging.resolve(name);
    }

    public Path target() {
        return target;
    }

    /** Puts the written folder in place of the target, replacing an earlier output whole. */
    public synchronized void commit() throws IOException {
        if (abandoned) {
            throw new IOException("the output was abandoned (the process is exiting)");
        }
        Path replaced = work.resolve(REPLACED);
        for (int attempt = 1; ; attempt++) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                break;
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // another process put a folder in place between the two renames; take it away again
                if (attempt == COMMIT_ATTEMPTS) {
                    throw raced;
                }
                deleteTree(replaced);
            }
        }
        committed = true;
        Litter.unregister(onExit);
        deleteTree(work);
    }

    /** Removes the work folder if the output was not committed. */
    @Override
    public synchronized void close() throws IOException {
        if (!committed && !abandoned) {
            abandoned = true;
            Litter.unregister(onExit);
            deleteTree(work);
        }
    }

    /** Called by the shutdown hook: the output will not be committed; remove what was written. */
    private synchronized void abandon() {
        if (committed || abandoned) {
            return;
        }
        abandoned = true;
        try {
            deleteTree(work);
        } catch (IOException e) {
            // the process is exiting; the next output in this parent removes the rest as stale
        }
    }

    /**
     * Removes the work folders in {@code parent} whose owner process no longer runs on this host,
     * first putting back an earlier output that their commit had moved aside.
     */
    static void removeStale(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, ".*" + WORK_INFIX + "*")) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && Owner.read(entry.resolve(OWNER_FILE)).map(Owner::gone).orElse(false)) {
                    stale.add(entry);
                }
            }
        }
        for (Path work : stale) {
            String name = work.getFileName().toString();
            Path target = parent.resolve(name.substring(1, name.lastIndexOf(WORK_INFIX)));
            Path replaced = work.resolve(REPLACED);
            if (Files.isDirectory(replaced) && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(replaced, target, StandardCopyOption.ATOMIC_MOVE);
            }
            deleteTree(work);
        }
    }

    /** Deletes a folder and everything in it (symbolic links are removed, not followed); retries if files appear meanwhile. */
    public static void deleteTree(Path root) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                deleteOnce(root);
                return;
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static void deleteOnce(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    deleteOnce(entry);
                }
            } catch (NoSuchFileException gone) {
                return;
            }
        }
        Files.deleteIfExists(path);
    }

    /** The process that owns a work folder: its id, host and start time. */
    record Owner(long pid, String host, long startMillis) {

        static Owner current() {
            ProcessHandle self = ProcessHandle.current();
            return new Owner(self.pid(), thisHost(), self.info().startInstant().map(i -> i.toEpochMilli()).orElse(-1L));
        }

        String text() {
            return "pid=" + pid + "\nhost=" + host + "\nstart=" + startMillis + "\n";
        }

        static Optional<Owner> read(Path file) {
            try {
                long pid = -1;
                long start = -1;
                String host = null;
                for (String line : Files.readAllLines(file)) {
                    int eq = line.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String value = line.substring(eq + 1).trim();
                    switch (line.substring(0, eq).trim()) {
                        case "pid" -> pid = Long.parseLong(value);
                        case "host" -> host = value;
                        case "start" -> start = Long.parseLong(value);
                        default -> { }
                    }
                }
                return pid > 0 && host != null ? Optional.of(new Owner(pid, host, start)) : Optional.empty();
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        /**
         * Whether the owner surely no longer runs: it ran on this host and no process has its id,
         * or the process with its id started at another time (the id was reused). Folders of other
         * hosts (a shared file system) are never judged.
         */
        boolean gone() {
            if (!host.equals(thisHost())) {
                return false;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty()) {
                return true;
            }
            Optional<Long> started = process.get().info().startInstant().map(i -> i.toEpochMilli());
            return startMillis >= 0 && started.isPresent() && started.get() != startMillis;
        }

        private static String thisHost() {
            try {
                String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: fall back to the environment
            }
            String env = System.getenv("HOSTNAME");
            if (env == null) {
                env = System.getenv("COMPUTERNAME");
            }
            return env != null && !env.isBlank() ? env.trim() : "unknown";
        }
    }
}
