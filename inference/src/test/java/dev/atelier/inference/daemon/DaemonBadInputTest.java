package dev.atelier.inference.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.core.protocol.Frame;
import dev.atelier.core.protocol.FrameWriter;
import dev.atelier.core.protocol.MessageType;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.inference.testing.RawConnection;
import dev.atelier.testkit.SeededImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of bad input gets a clear, coded error — and after each one the daemon still serves a fresh
 * client.
 */
class DaemonBadInputTest {

    @TempDir
    Path dir;

    private DaemonFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new DaemonFixture(dir, b -> b.optMaxInputPixels(1_000_000).optMaxOutputPixels(4_000_000));
    }

    @AfterEach
    void stillServesOthers() throws Exception {
        try {
            Raster img = SeededImages.gradient(4, 4);
            assertEquals(8, fixture.client().run(Submission.builder().setOperation("upscale").setImage(img)
                    .build(), null).image().width(), "daemon stopped serving after the bad input");
        } finally {
            fixture.close();
        }
    }

    private AtelierException submitFails(Submission s) throws AtelierException {
        DaemonClient client = fixture.client();
        return assertThrows(AtelierException.class, () -> client.run(s, null));
    }

    private static Submission.Builder upscale(Raster img) {
        return Submission.builder().setOperation("upscale").setImage(img);
    }

    @Test
    void unknownOperation() throws Exception {
        AtelierException e = submitFails(Submission.builder().setOperation("sharpen")
                .setImage(SeededImages.gradient(4, 4)).build());
        assertEquals(ErrorCode.UNKNOWN_OPERATION, e.code());
        assertEquals("Unknown operation 'sharpen'; known: img2img, retouch, expand, upscale, remove-background, "
                + "detect, prep-3d", e.getMessage());
    }

    @Test
    void outOfRangeAndUnknownParametersAreAllNamed() throws Exception {
        AtelierException e = submitFails(upscale(SeededImages.gradient(4, 4)).optParam("factor", 3)
                .optParam("preset", "wild").optParam("factr", 2).build());
        assertEquals(ErrorCode.INVALID_PARAMETERS, e.code());
        assertTrue(e.getMessage().contains("factor"), e.getMessage());
        assertTrue(e.getMessage().contains("preset"), e.getMessage());
        assertTrue(e.getMessage().contains("factr"), e.getMessage());
    }

    @Test
    void missingMaskForRetouch() throws Exception {
        AtelierException e = submitFails(Submission.builder().setOperation("retouch")
                .setImage(SeededImages.gradient(4, 4)).build());
        assertEquals(ErrorCode.MASK_REQUIRED, e.code());
        assertEquals("Retouch needs a mask: select the area to change first", e.getMessage());
    }

    @Test
    void maskOfTheWrongSize() throws Exception {
        AtelierException e = submitFails(Submission.builder().setOperation("retouch")
                .setImage(SeededImages.gradient(4, 4)).optMask(Mask.wrap(3, 4, new byte[12])).build());
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertEquals("mask is 3x4 but the image is 4x4; they must match", e.getMessage());
    }

    @Test
    void imageAboveThePixelLimit() throws Exception {
        AtelierException e = submitFails(upscale(SeededImages.gradient(1001, 1000)).build());
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, e.code());
        assertEquals("blob \"image\": image 1001x1000 has 1001000 pixels, above the limit of 1000000",
                e.getMessage());
    }

    @Test
    void resultAboveTheOutputLimit() throws Exception {
        AtelierException e = submitFails(upscale(SeededImages.gradient(300, 300)).optParam("factor", 8).build());
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, e.code());
        assertEquals("Upscale of 300x300 would make 2400x2400 (5760000 pixels), above the output limit of 4000000",
                e.getMessage());
    }

    @Test
    void aBatchCountsAgainstTheOutputLimitAsAWhole() throws Exception {
        AtelierException e = submitFails(Submission.builder().setOperation("img2img")
                .setImage(SeededImages.gradient(1000, 900)).optParam("batch-count", 5).build());
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, e.code());
        assertEquals("Img2Img of 1000x900 in a batch of 5 would make 5 images of 1000x900 (4500000 pixels in all), "
                + "above the output limit of 4000000; lower the batch count", e.getMessage());
    }

    /** Sends a SUBMIT whose image blob is the given PNG bytes and returns the reply. */
    private Frame submitPng(byte[] png) throws Exception {
        try (RawConnection raw = new RawConnection(fixture.socket())) {
            raw.hello();
            JsonObject h = new JsonObject();
            h.addProperty("id", 2);
            h.addProperty("op", "upscale");
            raw.send(Frame.of(MessageType.SUBMIT, h).withPng("image", png));
            return raw.read().orElseThrow();
        }
    }

    @Test
    void corruptPng() throws Exception {
        byte[] png = Png.encode(SeededImages.noise(1, 32, 32));
        for (int i = 60; i < png.length - 20; i++) {
            png[i] ^= 0x5a;
        }
        Frame reply = submitPng(png);
        assertEquals(MessageType.ERROR, reply.type());
        assertEquals(ErrorCode.IMAGE_DECODE_FAILED, reply.errorCode());
        assertTrue(reply.errorMessage().startsWith("blob \"image\": "), reply.errorMessage());
    }

    @Test
    void truncatedPng() throws Exception {
        byte[] png = Png.encode(SeededImages.noise(1, 32, 32));
        Frame reply = submitPng(Arrays.copyOf(png, png.length / 2));
        assertEquals(ErrorCode.IMAGE_DECODE_FAILED, reply.errorCode());
    }

    @Test
    void pngClaimingHugeDimensionsIsRefusedBeforeDecoding() throws Exception {
        byte[] png = Png.encode(SeededImages.noise(1, 8, 8));
        png[16] = 0; png[17] = 1; png[18] = (byte) 0x86; png[19] = (byte) 0xa0; // width 100000
        png[20] = 0; png[21] = 1; png[22] = (byte) 0x86; png[23] = (byte) 0xa0; // height 100000
        Frame reply = submitPng(png);
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, reply.errorCode());
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "-5, 4", "4, -1"})
    void zeroOrNegativeImageSizeIsAProtocolError(int width, int height) throws Exception {
        try (RawConnection raw = new RawConnection(fixture.socket())) {
            raw.hello();
            String json = "{\"id\":2,\"op\":\"upscale\",\"blobs\":[{\"name\":\"image\",\"offset\":0,\"length\":0,"
                    + "\"format\":\"rgba8\",\"width\":" + width + ",\"height\":" + height + "}]}";
            raw.sendBytes(frameBytes(0x05, json, new byte[0]));
            Frame reply = raw.read().orElseThrow();
            assertEquals(ErrorCode.BAD_BLOB, reply.errorCode());
            assertTrue(raw.closedByPeer());
        }
    }

    @Test
    void wrongMagicClosesOnlyThatConnection() throws Exception {
        try (RawConnection raw = new RawConnection(fixture.socket())) {
            raw.sendBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Frame reply = raw.read().orElseThrow();
            assertEquals(ErrorCode.BAD_MAGIC, reply.errorCode());
            assertTrue(reply.errorMessage().contains("not HTTP"), reply.errorMessage());
            assertTrue(raw.closedByPeer());
        }
    }

    @Test
    void wrongVersion() throws Exception {
        try (RawConnection raw = new RawConnection(fixture.socket())) {
            raw.sendBytes(HexFormat.of().parseHex("41544c52" + "02" + "01" + "0000" + "00000002" + "00000000" + "7b7d"));
            assertEquals(ErrorCode.UNSUPPORTED_VERSION, raw.read().orElseThrow().errorCode());
            assertTrue(raw.closedByPeer());
        }
    }

    @Test
    void oversizedHeaderIsRefusedWithoutReadingIt() throws Exception {
        try (RawConnection raw = new RawConnection(fixture.socket())) {
            // HELLO declaring a 2 GiB header and nothing after it.
            raw.sendBytes(HexFormat.of().parseHex("41544c52" + "01" + "01" + "0000" + "80000000" + "00000000"));
            assertEquals(ErrorCode.FRAME_TOO_LARGE, raw.read().orElseThrow().errorCode());
        }
    }

    @Test
    void garbageBytes() throws Exception {
        try (RawConnection raw = new RawConnection(fixture.socket())) {
            byte[] junk = new byte[64];
            new java.util.Random(3).nextBytes(junk);
            junk[0] = 0x13;
            raw.sendBytes(junk);
            assertEquals(ErrorCode.BAD_MAGIC, raw.read().orElseThrow().errorCode());
        }
    }

    @Test
    void requestBeforeHelloIsRefused() throws Exception {
        try (RawConnection raw = new RawConnection(fixture.socket())) {
            JsonObject h = new JsonObject();
            h.addProperty("id", 1);
            raw.send(Frame.of(MessageType.STATUS, h));
            assertEquals(ErrorCode.UNEXPECTED_MESSAGE, raw.read().orElseThrow().errorCode());
        }
    }

    @Test
    void clientVanishingMidUpload() throws Exception {
        Raster big = SeededImages.noise(2, 900, 900);
        JsonObject h = new JsonObject();
        h.addProperty("id", 2);
        h.addProperty("op", "upscale");
        byte[] frame = FrameWriter.encode(Frame.of(MessageType.SUBMIT, h).withRaster("image", big));
        try (RawConnection raw = new RawConnection(fixture.socket())) {
            raw.hello();
            raw.sendBytes(Arrays.copyOf(frame, frame.length / 3));
        } // closed mid-payload
    }

    @Test
    void clientVanishingMidJobLeavesTheResultFetchable() throws Exception {
        JsonObject h = new JsonObject();
        h.addProperty("id", 2);
        h.addProperty("op", "upscale");
        String job;
        try (RawConnection raw = new RawConnection(fixture.socket())) {
            raw.hello();
            raw.send(Frame.of(MessageType.SUBMIT, h).withRaster("image", SeededImages.noise(4, 200, 200)));
            Frame accepted = raw.read().orElseThrow();
            assertEquals(MessageType.ACCEPTED, accepted.type());
            job = accepted.job().orElseThrow();
        }
        assertEquals(400, fixture.client().fetch(job, null).image().width());
    }

    private static byte[] frameBytes(int type, String json, byte[] payload) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + j.length + payload.length);
        b.putInt(0x41544C52).put((byte) 1).put((byte) type).putShort((short) 0).putInt(j.length)
                .putInt(payload.length).put(j).put(payload);
        return b.array();
    }

}
