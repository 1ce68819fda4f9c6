package dev.atelier.inference.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {

    @TempDir
    Path dir;

    private final Instant now = Instant.parse("2026-11-22T12:00:00Z");

    private ResultStore store() throws Exception {
        return new ResultStore(dir, Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void roundTripKeepsPixelsOffsetCanvasNoticesAndMetadata() throws Exception {
        Raster image = SeededImages.noise(3, 7, 5);
        OperationResult r = new OperationResult(image, 2, 3, 20, 10, List.of("used Precise"),
                java.util.Map.of("scale", "2.5"));
        ResultStore store = store();
        store.put("j-abc", r);
        assertEquals(r, store.get("j-abc").orElseThrow());
        store.delete("j-abc");
        assertTrue(store.get("j-abc").isEmpty());
    }

    @Test
    void aBatchKeepsEveryImageInOrderAndReleasesThemAll() throws Exception {
        OperationResult r = new OperationResult(SeededImages.noise(1, 4, 3), -2, 0, 8, 3, List.of(),
                java.util.Map.of("seed", "7")).withVariations(List.of(SeededImages.noise(2, 4, 3),
                        SeededImages.noise(3, 4, 3)));
        ResultStore store = store();
        store.put("j-batch", r);
        OperationResult back = store.get("j-batch").orElseThrow();
        assertEquals(r, back);
        assertEquals(3, back.images().size());
        assertEquals(SeededImages.noise(3, 4, 3), back.variations().get(1));
        Files.delete(dir.resolve("j-batch.2.rgba"));
        assertTrue(store.get("j-batch").isEmpty(), "a missing variation makes the entry incomplete");
        store.delete("j-batch");
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void entriesOlderThanTheRetentionAreSwept() throws Exception {
        ResultStore store = store();
        store.put("j-old", OperationResult.whole(SeededImages.gradient(2, 2), List.of()));
        store.put("j-new", OperationResult.whole(SeededImages.gradient(2, 2), List.of()));
        for (String f : List.of("j-old.rgba", "j-old.json")) {
            Files.setLastModifiedTime(dir.resolve(f), FileTime.from(now.minus(Duration.ofHours(25))));
        }
        assertEquals(2, store.sweep());
        assertTrue(store.get("j-old").isEmpty());
        assertTrue(store.get("j-new").isPresent());
    }

    @Test
    void pixelsWithoutMetadataCountAsAbsent() throws Exception {
        ResultStore store = store();
        store.put("j-half", OperationResult.whole(SeededImages.gradient(2, 2), List.of()));
        Files.delete(dir.resolve("j-half.json")); // as if the daemon died between the two writes
        assertTrue(store.get("j-half").isEmpty());
    }

    @Test
    void idsThatCouldEscapeTheFolderAreRefused() throws Exception {
        ResultStore store = store();
        assertTrue(store.get("../../etc/passwd").isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> store.put("../x", OperationResult.whole(SeededImages.gradient(2, 2), List.of())));
    }
}
