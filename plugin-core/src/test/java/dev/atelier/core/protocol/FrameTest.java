package dev.atelier.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void headerIsCopiedInAndOut() {
        JsonObject h = new JsonObject();
        h.addProperty("id", 1);
        Frame f = Frame.of(MessageType.STATUS, h);
        h.addProperty("id", 2);
        assertEquals(1, f.id().getAsInt());
        f.header().addProperty("id", 3);
        assertEquals(1, f.id().getAsInt());
    }

    @Test
    void blobsKeyIsReserved() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Frames.frame(MessageType.ECHO, "{\"blobs\":[]}"));
        assertEquals("header key \"blobs\" is reserved; add blobs with withBlob()", e.getMessage());
    }

    @Test
    void accessors() {
        Frame f = Frames.frame(MessageType.FETCH, "{\"id\":5,\"job\":\"j-1\",\"wait\":true,\"n\":2.0,\"s\":7}");
        assertEquals(OptionalInt.of(5), f.id());
        assertEquals("j-1", f.job().orElseThrow());
        assertEquals("j-1", f.string("job").orElseThrow());
        assertTrue(f.string("s").isEmpty(), "a number is not a string");
        assertTrue(f.bool("wait", false));
        assertFalse(f.bool("missing", false));
        assertEquals(2, f.integer("n").getAsInt());
        assertTrue(f.has("wait"));
        assertFalse(f.has("nope"));
        assertTrue(Frame.of(MessageType.ECHO).id().isEmpty());
    }

    @Test
    void withRasterSharesTheArrayAndRasterWrapsIt() {
        Raster image = Raster.filled(2, 2, 0xAABBCCDD);
        Frame f = Frame.of(MessageType.RESULT).withRaster("image", image);
        assertSame(image.unsafeBytes(), f.blob("image").orElseThrow());
        assertSame(image.unsafeBytes(), f.raster("image").orElseThrow().unsafeBytes());
        assertEquals(new BlobInfo("image", 0, 16, BlobFormat.RGBA8, 2, 2), f.blobInfo("image").orElseThrow());
        assertTrue(f.raster("other").isEmpty());
    }

    @Test
    void rasterOfANonRgbaBlobIsRefused() {
        Frame f = Frame.of(MessageType.SUBMIT).withPng("image", new byte[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.raster("image"));
        assertEquals("blob \"image\" is png, not rgba8", e.getMessage());
    }

    @Test
    void withBlobValidates() {
        Frame f = Frame.of(MessageType.SUBMIT).withGray("mask", 2, 2, new byte[4]);
        assertEquals("duplicate blob name \"mask\"", assertThrows(IllegalArgumentException.class,
                () -> f.withPng("mask", new byte[1])).getMessage());
        assertEquals("Blob \"m\": gray8 2x2 needs 4 bytes, got 3",
                assertThrows(IllegalArgumentException.class,
                        () -> f.withGray("m", 2, 2, new byte[3])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.withBlob("x", BlobFormat.RGBA8, 0, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> f.withBytes("", new byte[0]));
        assertEquals(1, f.blobInfos().size(), "with* returns a new frame");
    }

    @Test
    void blobsArePackedInOrder() {
        Frame f = Frame.of(MessageType.SUBMIT).withRaster("image", Raster.filled(1, 1, 0))
                .withGray("mask", 1, 1, new byte[1]).withPng("extra", new byte[10]);
        assertEquals(0, f.blobInfo("image").orElseThrow().offset());
        assertEquals(4, f.blobInfo("mask").orElseThrow().offset());
        assertEquals(5, f.blobInfo("extra").orElseThrow().offset());
        assertEquals(15, f.payloadLength());
    }

    @Test
    void errorFrames() {
        Frame withId = Frame.error(7, ErrorCode.UNKNOWN_JOB, "No job \"j-3\"");
        assertEquals(Frames.json("{\"id\":7,\"code\":205,\"name\":\"UNKNOWN_JOB\",\"message\":\"No job \\\"j-3\\\"\"}"),
                withId.header());
        assertEquals(ErrorCode.UNKNOWN_JOB, withId.errorCode());
        assertEquals("No job \"j-3\"", withId.errorMessage());

        assertEquals(withId, Frame.error(OptionalInt.of(7), ErrorCode.UNKNOWN_JOB, "No job \"j-3\""));
        assertFalse(Frame.error(OptionalInt.empty(), ErrorCode.BAD_MAGIC, "m").has("id"));
        assertFalse(Frame.error((Integer) null, ErrorCode.BAD_MAGIC, "m").has("id"));

        Frame job = Frame.jobError("j-3", ErrorCode.CANCELLED, "Cancelled by the user");
        assertEquals(Frames.json("{\"job\":\"j-3\",\"code\":303,\"name\":\"CANCELLED\","
                + "\"message\":\"Cancelled by the user\"}"), job.header());
        AtelierException e = job.toException();
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals("CANCELLED (303): Cancelled by the user", e.describe());
    }

    @Test
    void unknownErrorNumbersReadAsInternal() {
        Frame f = Frames.frame(MessageType.ERROR, "{\"code\":999,\"name\":\"FROM_THE_FUTURE\",\"message\":\"x\"}");
        assertEquals(ErrorCode.INTERNAL, f.errorCode());
    }

    @Test
    void errorAccessorsNeedAnErrorFrame() {
        assertThrows(IllegalStateException.class, () -> Frame.of(MessageType.OK).errorCode());
    }

    @Test
    void toStringNamesBlobsWithoutBytes() {
        Frame f = Frame.of(MessageType.SUBMIT, 1).withRaster("image", Raster.filled(2, 1, 0));
        assertEquals("SUBMIT {\"id\":1} [image rgba8 2x1 8B]", f.toString());
    }
}
