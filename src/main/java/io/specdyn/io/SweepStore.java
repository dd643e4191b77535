package io.specdyn.io;

import io.specdyn.analysis.SweepSpec;
import io.specdyn.model.InvalidSpecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The folder of a sweep (or of one shard of it) and its progress.
 *
 * <ul>
 *   <li>{@code sweep.json}: the program, its version, the spec and the shard, written (atomically)
 *       before the first cell, and again with the SHA-256 of {@code sweep.csv} once that is
 *       written. A folder is only ever reused by the same sweep: any difference is refused, so that
 *       nothing in it is overwritten by another sweep's results.</li>
 *   <li>{@code .lock}: an empty file, locked (an OS file lock, released by the system even after
 *       {@code kill -9}) by the one process that works in the folder, from {@link #open} to
 *       {@link #close}. A second process is refused at once instead of mixing its cells in.</li>
 *   <li>{@code journal.csv}: while the sweep runs, one line per finished cell, appended as soon as
 *       the cell is done: its {@code sweep.csv} row and the row's CRC-32. A line is written by one
 *       system call, so a killed process (even {@code kill -9}) leaves whole lines and at most one
 *       torn last line if the machine itself stops; lines whose checksum fails are dropped (and
 *       their cells recomputed) when the sweep is started again.</li>
 *   <li>{@code sweep.csv}: the rows in cell order, written atomically once every cell of the
 *       shard is done; the journal is then deleted. The rows are those the journal holds, byte for
 *       byte, so the file does not depend on how often the sweep was interrupted nor on the order
 *       in which cells finished. It is read back only if its SHA-256 is the one in
 *       {@code sweep.json}: a table edited by hand, truncated or otherwise damaged is not trusted,
 *       and reopening the folder computes its cells again ({@link #damage()} says why).</li>
 * </ul>
 */
public final class SweepStore implements AutoCloseable {
    public static final String SPEC_FILE = "sweep.json";
    public static final String CSV_FILE = "sweep.csv";
    public static final String JOURNAL_FILE = "journal.csv";
    public static final String LOCK_FILE = ".lock";
    /** The key of sweep.json that holds the SHA-256 of sweep.csv (hex), once it is written. */
    static final String CSV_SHA256 = "csv_sha256";
    private static final long FORCE_INTERVAL_NANOS = 2_000_000_000L;

    /** Share {@code index} of {@code count} (1-based): the cells whose number is {@code index - 1} modulo {@code count}. */
    public record Shard(int index, int count) {
        public static final Shard WHOLE = new Shard(1, 1);
        private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new InvalidSpecException("shard", "must be i/N with 1 <= i <= N (got " + index + "/" + count + ")");
            }
        }

        /** Parses {@code i/N}. */
        public static Shard parse(String text) {
            Matcher m = FORM.matcher(text);
            if (!m.matches()) {
                throw new InvalidSpecException("shard", "must be i/N with 1 <= i <= N, for example 2/8 (got '" + text + "')");
            }
            int i = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (n < 1 || i < 1 || i > n) {
                throw new InvalidSpecException("shard", "must be i/N with 1 <= i <= N, for example 2/8 (got '" + text + "')");
            }
            return new Shard(i, n);
        }

        public boolean contains(int cell) {
            return cell % count == index - 1;
        }

        /** The number of cells of this share among {@code total}. */
        public int size(int total) {
            int rest = total - (index - 1);
            return rest <= 0 ? 0 : (rest + count - 1) / count;
        }

        public String label() {
            return index + "/" + count;
        }
    }

    private final Path dir;
    private final SweepSpec spec;
    private final Shard shard;
    private final TreeMap<Integer, String> rows = new TreeMap<>();
    /** The same cells as {@link #rows}, parsed once (or as computed), for {@link #results()}. */
    private final TreeMap<Integer, SweepSpec.CellResult> parsed = new TreeMap<>();
    private final int expected;
    private final String recordedSha256;
    private FileChannel journal;
    private long lastForce = System.nanoTime();
    private FileChannel lockChannel;
    private String damage;

    private SweepStore(Path dir, SweepSpec spec, Shard shard, String recordedSha256) {
        this.dir = dir;
        this.spec = spec;
        this.shard = shard;
        this.expected = shard.size(spec.cellCount());
        this.recordedSha256 = recordedSha256;
    }

    /**
     * Opens {@code dir} for {@code spec}: a new or empty folder starts the sweep, a folder of the same
     * sweep resumes it (or finds it complete). The folder stays locked until {@link #close}.
     *
     * @throws InvalidSpecException for option {@code out} if the folder holds something else (a
     *                              different sweep, another program version's sweep, or other files)
     *                              or another process works in it; nothing is then written
     * @throws IOException          if the folder cannot be read or written
     */
    public static SweepStore open(Path dir, SweepSpec spec, Shard shard) throws IOException {
        Map<String, Object> header = header(spec, shard, null);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidSpecException("out", dir + " exists and is not a folder");
        }
        boolean existed = Files.isDirectory(dir);
        if (existed && !Files.exists(dir.resolve(LOCK_FILE))) {
            // before the lock file is made: a foreign folder is left exactly as it was
            checkOurs(dir, spec, shard);
        }
        Files.createDirectories(dir);
        FileChannel lock = lock(dir);
        try {
            checkOurs(dir, spec, shard);
            Path specFile = dir.resolve(SPEC_FILE);
            String sha = null;
            if (Files.isRegularFile(specFile)) {
                sha = readHeader(dir).csvSha256();
            } else {
                AtomicFiles.writeString(specFile, Json.write(header));
            }
            SweepStore store = new SweepStore(dir, spec, shard, sha);
            store.lockChannel = lock;
            store.load();
            return store;
        } catch (IOException | RuntimeException e) {
            lock.close();
            if (!existed && e instanceof InvalidSpecException) {
                Files.deleteIfExists(dir.resolve(LOCK_FILE));
                Files.deleteIfExists(dir);
            }
            throw e;
        }
    }

    /** Refuses a folder that holds something other than this sweep (or nothing yet). */
    private static void checkOurs(Path dir, SweepSpec spec, Shard shard) throws IOException {
        if (Files.isRegularFile(dir.resolve(SPEC_FILE))) {
            checkSame(dir, readHeader(dir), spec, shard);
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            // the lock file, and a temporary file of ours left by a kill during the first write of sweep.json, do not count
            if (entries.anyMatch(p -> !isOurTemporary(p) && !p.getFileName().toString().equals(LOCK_FILE))) {
                throw new InvalidSpecException("out", dir + " is not empty and holds no sweep (no " + SPEC_FILE
                        + "): choose a new or empty folder");
            }
        }
    }

    /**
     * Takes the folder's lock, or refuses at once if another process holds it. (Within one JVM a
     * second lock on the same file is refused the same way.)
     */
    private static FileChannel lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (held == null) {
            channel.close();
            throw new InvalidSpecException("out", dir + " is in use by another specdyn process (a sweep or sweep-merge "
                    + "holds its lock, " + LOCK_FILE + "): wait for it to end, or choose another folder");
        }
        return channel;
    }

    private static boolean isOurTemporary(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith("." + SPEC_FILE + ".") && name.endsWith(".tmp");
    }

    /** What {@code sweep.json} holds for a spec and shard, and the checksum of sweep.csv once written (else null). */
    static Map<String, Object> header(SweepSpec spec, Shard shard, String csvSha256) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", "specdyn");
        m.put("version", ProgramVersion.get());
        m.put("shard", shard.label());
        m.put("spec", spec.toJson());
        if (csvSha256 != null) {
            m.put(CSV_SHA256, csvSha256);
        }
        return m;
    }

    /** The folder's sweep.json, with a spec that is valid; anything else is not one of ours. */
    private static SweepJson readHeader(Path dir) throws IOException {
        Path file = dir.resolve(SPEC_FILE);
        try {
            SweepJson header = SweepJson.parse(Files.readString(file));
            if (header.spec() != null) {
                header.spec().toSpec();
                return header;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidSpecException("out", file + " is not a specdyn sweep description");
    }

    private static void checkSame(Path dir, SweepJson found, SweepSpec spec, Shard shard) {
        String version = ProgramVersion.get();
        if (!Objects.equals(found.version(), version)) {
            throw new InvalidSpecException("out", dir + " holds a sweep of specdyn " + found.version() + ", not "
                    + version + ": results could differ; choose another folder");
        }
        List<String> differ = new ArrayList<>();
        Map<String, Object> a = found.spec().toSpec().toJson();
        Map<String, Object> b = spec.toJson();
        for (String key : b.keySet()) {
            if (!a.containsKey(key) || !Json.write(a.get(key)).equals(Json.write(b.get(key)))) {
                differ.add(key);
            }
        }
        for (String key : a.keySet()) {
            if (!b.containsKey(key)) {
                differ.add(key);
            }
        }
        if (!Objects.equals(found.shard(), shard.label())) {
            differ.add("shard (" + found.shard() + ")");
        }
        if (!differ.isEmpty()) {
            throw new InvalidSpecException("out", dir + " holds a different sweep (it differs in "
                    + String.join(", ", differ) + "): choose another folder, or delete it to start over");
        }
    }

    /** Loads the finished cells: from the journal while the sweep runs, from sweep.csv once it is complete. */
    private void load() throws IOException {
        Path journalFile = dir.resolve(JOURNAL_FILE);
        Path csv = dir.resolve(CSV_FILE);
        if (Files.exists(journalFile)) {
            byte[] bytes = Files.readAllBytes(journalFile);
            String text = new String(bytes, StandardCharsets.UTF_8);
            List<String> kept = new ArrayList<>();
            boolean dropped = false;
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                if (end < 0) {
                    dropped = true;
                    break;
                }
                String line = text.substring(start, end);
                start = end + 1;
                String row = checked(line);
                if (row == null || !take(row, "the journal")) {
                    dropped = true;
                    continue;
                }
                kept.add(line);
            }
            if (dropped) {
                AtomicFiles.write(journalFile, out -> {
                    for (String line : kept) {
                        out.write(line);
                        out.write('\n');
                    }
                });
            }
        } else if (Files.exists(csv)) {
            byte[] bytes = Files.readAllBytes(csv);
            if (!sha256(bytes).equals(recordedSha256)) {
                // nothing of it is taken: every cell of the shard is computed again
                damage = csv + " does not match the SHA-256 recorded in " + SPEC_FILE + " (edited, truncated or damaged)";
                return;
            }
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (lines.isEmpty() || !lines.get(0).equals(SweepCsv.header(spec))) {
                throw new IOException(csv + " is not a sweep table");
            }
            for (String row : lines.subList(1, lines.size())) {
                if (!take(row, csv.toString())) {
                    throw new IOException(csv + " repeats cell " + row.substring(0, row.indexOf(',')));
                }
            }
            if (rows.size() != expected) {
                throw new IOException(csv + " holds " + rows.size() + " of the " + expected + " cells of shard "
                        + shard.label());
            }
        }
    }

    /** The row of a journal line whose checksum holds, or null. */
    private static String checked(String line) {
        int comma = line.lastIndexOf(',');
        if (comma < 0 || line.length() - comma - 1 != 8) {
            return null;
        }
        String row = line.substring(0, comma);
        return crc(row).equals(line.substring(comma + 1)) ? row : null;
    }

    /** Adds a row after checking it belongs here; false if its cell is already present. */
    private boolean take(String row, String where) throws IOException {
        SweepSpec.CellResult parsedRow;
        try {
            parsedRow = SweepCsv.parse(spec, row);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + " of " + dir + " does not belong to its sweep.json: " + e.getMessage());
        }
        int index = parsedRow.cell().index();
        if (!shard.contains(index)) {
            throw new IOException(where + " of " + dir + " holds cell " + index + ", outside shard " + shard.label());
        }
        if (rows.putIfAbsent(index, row) != null) {
            return false;
        }
        parsed.put(index, parsedRow);
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String crc(String row) {
        CRC32 crc = new CRC32();
        crc.update(row.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    public SweepSpec spec() {
        return spec;
    }

    public Shard shard() {
        return shard;
    }

    /** The cells of this shard. */
    public int size() {
        return expected;
    }

    /** The cells finished so far. */
    public int done() {
        return rows.size();
    }

    public boolean complete() {
        return rows.size() == expected;
    }

    /**
     * Why the folder's {@code sweep.csv} was not trusted when it was opened (its cells are then
     * pending again), or null.
     */
    public String damage() {
        return damage;
    }

    /** The cells of this shard still to compute, in cell order. */
    public List<SweepSpec.Cell> pending() {
        List<SweepSpec.Cell> out = new ArrayList<>();
        for (int i = shard.index() - 1; i < spec.cellCount(); i += shard.count()) {
            if (!rows.containsKey(i)) {
                out.add(spec.cell(i));
            }
        }
        return out;
    }

    /** Persists a finished cell (one appended journal line). Not thread-safe: callers serialise. */
    public void record(SweepSpec.CellResult result) throws IOException {
        int index = result.cell().index();
        if (!shard.contains(index) || rows.containsKey(index)) {
            throw new IllegalStateException("cell " + index + " is not pending in this sweep");
        }
        String row = SweepCsv.format(spec, result.cell(), result.result());
        if (journal == null) {
            journal = FileChannel.open(dir.resolve(JOURNAL_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        ByteBuffer line = ByteBuffer.wrap((row + "," + crc(row) + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            journal.write(line);
        }
        rows.put(index, row);
        parsed.put(index, result);
        long now = System.nanoTime();
        if (now - lastForce > FORCE_INTERVAL_NANOS) {
            journal.force(false);
            lastForce = now;
        }
    }

    /**
     * Adds rows read from a complete shard (for merging); they are checked like journal lines. A cell
     * this folder already holds must have the same row.
     */
    public void absorb(List<String> shardRows, String where) throws IOException {
        for (String row : shardRows) {
            String held = rows.get(Integer.parseInt(row.substring(0, row.indexOf(','))));
            if (held == null) {
                take(row, where);
            } else if (!held.equals(row)) {
                throw new IOException(where + " and " + dir + " disagree on cell " + row.substring(0, row.indexOf(',')));
            }
        }
    }

    /** The finished cells in cell order. */
    public List<SweepSpec.CellResult> results() {
        return List.copyOf(parsed.values());
    }

    /**
     * Writes {@code sweep.csv} (atomically) once every cell is done, then {@code sweep.json} with its
     * checksum, then deletes the journal. (Killed in between, the journal is still there and is what
     * the next open reads.) The folder stays locked until {@link #close}.
     *
     * @throws IllegalStateException if cells are missing
     */
    public void finish() throws IOException {
        if (!complete()) {
            throw new IllegalStateException(rows.size() + " of " + expected + " cells done");
        }
        closeJournal();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        AtomicFiles.write(dir.resolve(CSV_FILE), out -> {
            String head = SweepCsv.header(spec) + "\n";
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            out.write(head);
            for (String row : rows.values()) {
                String line = row + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                out.write(line);
            }
        });
        String sha = HexFormat.of().formatHex(digest.digest());
        AtomicFiles.writeString(dir.resolve(SPEC_FILE), Json.write(header(spec, shard, sha)));
        Files.deleteIfExists(dir.resolve(JOURNAL_FILE));
        damage = null;
    }

    private void closeJournal() throws IOException {
        if (journal != null) {
            journal.force(false);
            journal.close();
            journal = null;
        }
    }

    /** Closes the journal and releases the folder's lock. */
    @Override
    public void close() throws IOException {
        try {
            closeJournal();
        } finally {
            if (lockChannel != null) {
                lockChannel.close();
                lockChannel = null;
            }
        }
    }

    /** A complete shard folder, read for merging. */
    public record ShardFolder(Path dir, SweepSpec spec, Shard shard, String version, List<String> rows) {
    }

    /**
     * Reads a complete shard folder (or a whole sweep's folder, shard 1/1).
     *
     * @throws IllegalArgumentException if it is not the folder of a finished sweep or shard
     */
    public static ShardFolder readShard(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(SPEC_FILE))) {
            throw new IllegalArgumentException(dir + " holds no sweep (no " + SPEC_FILE + ")");
        }
        SweepJson header;
        try {
            header = readHeader(dir);
        } catch (InvalidSpecException e) {
            throw new IllegalArgumentException(dir.resolve(SPEC_FILE) + " is not a specdyn sweep description");
        }
        SweepSpec spec;
        Shard shard;
        try {
            spec = header.spec().toSpec();
            shard = Shard.parse(String.valueOf(header.shard()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dir.resolve(SPEC_FILE) + " is not readable: " + e.getMessage());
        }
        if (Files.exists(dir.resolve(JOURNAL_FILE)) || !Files.exists(dir.resolve(CSV_FILE))) {
            throw new IllegalArgumentException(dir + " holds shard " + shard.label()
                    + " unfinished: run its sweep command again to complete it");
        }
        SweepStore store = new SweepStore(dir, spec, shard, header.csvSha256());
        store.load();
        if (store.damage != null) {
            throw new IllegalArgumentException(store.damage + ": run its sweep command again to repair it");
        }
        return new ShardFolder(dir, spec, shard, String.valueOf(header.version()), new ArrayList<>(store.rows.values()));
    }
}
