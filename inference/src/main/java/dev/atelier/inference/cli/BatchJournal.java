package dev.atelier.inference.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The append-only record of a folder run, {@code DIR/.atelier-journal}, so a run that is killed and started again
 * continues where it stopped. Line 1 is {@code atelier-journal 1 FINGERPRINT} (the workflow and settings it belongs
 * to); then one line per finished item, {@code done NAME} or {@code failed NAME REASON} (tab-separated, tabs,
 * newlines and backslashes escaped). Each line is written with one write and fsynced before the item counts as done.
 * A last line without its newline (the process died mid-write) is ignored and cut off when the journal is reopened.
 * The journal is locked while open: two runs cannot write into one folder at once.
 */
final class BatchJournal implements AutoCloseable {

    static final String FILE = ".atelier-journal";
    private static final String MAGIC = "atelier-journal 1";

    private final FileChannel channel;
    private final FileLock lock;
    private final String fingerprint;
    private final Set<String> done = new LinkedHashSet<>();
    private final Map<String, String> failed = new LinkedHashMap<>();

    private BatchJournal(FileChannel channel, FileLock lock, String fingerprint) {
        this.channel = channel;
        this.lock = lock;
        this.fingerprint = fingerprint;
    }

    /**
     * Opens (or creates, with {@code fingerprint} as its header) the journal in {@code dir}.
     *
     * @throws IOException as another run holds it, or it cannot be read or written
     */
    static BatchJournal open(Path dir, String fingerprint) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this same process
            }
            if (lock == null) {
                throw new IOException("another 'atelier workflow run' is writing to " + dir);
            }
            String text = read(ch);
            int end = text.lastIndexOf('\n') + 1; // everything after the last newline is a torn line
            String whole = text.substring(0, end);
            String[] lines = whole.isEmpty() ? new String[0] : whole.split("\n", -1);
            String header = lines.length > 0 && lines[0].startsWith(MAGIC + " ") ? lines[0].substring(
                    MAGIC.length() + 1) : null;
            BatchJournal j = new BatchJournal(ch, lock, header == null ? fingerprint : header);
            if (header == null) {
                ch.truncate(0);
                j.append(MAGIC + " " + fingerprint);
                return j;
            }
            for (int i = 1; i < lines.length; i++) {
                j.replay(lines[i]);
            }
            ch.truncate(whole.getBytes(StandardCharsets.UTF_8).length);
            ch.position(ch.size());
            return j;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(ch.size()));
        while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
            // read all of it
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    private void replay(String line) {
        String[] f = line.split("\t", -1);
        if (f.length == 2 && f[0].equals("done")) {
            String item = unescape(f[1]);
            done.add(item);
            failed.remove(item);
        } else if (f.length == 3 && f[0].equals("failed")) {
            failed.put(unescape(f[1]), unescape(f[2]));
        }
        // Anything else is not ours (or from a newer format): ignored rather than fatal.
    }

    /** Returns the fingerprint the journal was started with. */
    String fingerprint() {
        return fingerprint;
    }

    /** Returns the items recorded as done, in journal order. */
    Set<String> done() {
        return Collections.unmodifiableSet(done);
    }

    /** Returns the items whose last record is a failure, with the reason. */
    Map<String, String> failed() {
        return Collections.unmodifiableMap(failed);
    }

    /** Records {@code item} as done; returns once the line is on disk. */
    synchronized void done(String item) throws IOException {
        append("done\t" + escape(item));
        done.add(item);
        failed.remove(item);
    }

    /** Records {@code item} as failed (a later run tries it again). */
    synchronized void failed(String item, String reason) throws IOException {
        append("failed\t" + escape(item) + "\t" + escape(reason));
        failed.put(item, reason);
    }

    private void append(String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(false);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
