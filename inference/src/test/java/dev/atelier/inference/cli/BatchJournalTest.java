package dev.atelier.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder-run journal: what it replays after a crash, what it ignores, and that it is one writer's. */
class BatchJournalTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(BatchJournal.FILE);
    }

    @Test
    void replaysDoneAndFailedItemsAfterReopening() throws IOException {
        try (BatchJournal j = BatchJournal.open(dir, "abc")) {
            j.done("a.png");
            j.failed("b.png", "node 'upscale' (upscale) failed: boom");
            j.failed("c.png", "first");
            j.done("c.png");
        }
        try (BatchJournal j = BatchJournal.open(dir, "abc")) {
            assertEquals("abc", j.fingerprint());
            assertEquals(List.of("a.png", "c.png"), List.copyOf(j.done()));
            assertEquals(Map.of("b.png", "node 'upscale' (upscale) failed: boom"), j.failed());
        }
    }

    @Test
    void aTornLastLineIsIgnoredAndCutOffSoTheNextLineStartsClean() throws IOException {
        try (BatchJournal j = BatchJournal.open(dir, "abc")) {
            j.done("a.png");
        }
        // The process died in the middle of writing "done\tb.png\n".
        Files.writeString(file(), "done\tb.p", StandardOpenOption.APPEND);
        try (BatchJournal j = BatchJournal.open(dir, "abc")) {
            assertEquals(List.of("a.png"), List.copyOf(j.done()));
            j.done("c.png");
        }
        assertEquals(List.of("atelier-journal 1 abc", "done\ta.png", "done\tc.png"),
                Files.readAllLines(file(), StandardCharsets.UTF_8));
        try (BatchJournal j = BatchJournal.open(dir, "abc")) {
            assertEquals(List.of("a.png", "c.png"), List.copyOf(j.done()));
        }
    }

    @Test
    void aTornHeaderStartsAFreshJournal() throws IOException {
        Files.writeString(file(), "atelier-jour");
        try (BatchJournal j = BatchJournal.open(dir, "xyz")) {
            assertEquals("xyz", j.fingerprint());
            assertTrue(j.done().isEmpty());
        }
        assertEquals(List.of("atelier-journal 1 xyz"), Files.readAllLines(file()));
    }

    @Test
    void keepsTheFingerprintItWasStartedWith() throws IOException {
        BatchJournal.open(dir, "first").close();
        try (BatchJournal j = BatchJournal.open(dir, "second")) {
            assertEquals("first", j.fingerprint()); // the caller refuses to mix two runs' outputs
        }
    }

    @Test
    void unknownLinesAreIgnored() throws IOException {
        BatchJournal.open(dir, "abc").close();
        Files.writeString(file(), "future\tx\ny\ndone\ta.png\textra\ndone\tb.png\n", StandardOpenOption.APPEND);
        try (BatchJournal j = BatchJournal.open(dir, "abc")) {
            assertEquals(List.of("b.png"), List.copyOf(j.done()));
        }
    }

    @Test
    void namesWithTabsAndNewlinesSurvive() throws IOException {
        String odd = "a\tb\nc\\d.png";
        try (BatchJournal j = BatchJournal.open(dir, "abc")) {
            j.done(odd);
            j.failed("e.png", "line one\nline two");
        }
        try (BatchJournal j = BatchJournal.open(dir, "abc")) {
            assertEquals(List.of(odd), List.copyOf(j.done()));
            assertEquals("line one\nline two", j.failed().get("e.png"));
        }
        assertEquals(3, Files.readAllLines(file()).size());
    }

    @Test
    void aSecondWriterIsRefused() throws IOException {
        try (BatchJournal j = BatchJournal.open(dir, "abc")) {
            IOException e = assertThrows(IOException.class, () -> BatchJournal.open(dir, "abc"));
            assertTrue(e.getMessage().startsWith("another 'atelier workflow run' is writing to"), e.getMessage());
        }
        BatchJournal.open(dir, "abc").close(); // released on close
    }
}
