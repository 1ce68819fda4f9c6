package dev.atelier.core.protocol;

import static dev.atelier.core.protocol.Frames.frame;
import static dev.atelier.core.protocol.Frames.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameRoundTripTest {

    private static final Raster IMAGE = Raster.filled(3, 2, 0x11223344);
    private static final byte[] MASK = {0, 1, 2, 3, 4, (byte) 255};

    /** A frame as the catalogue in docs/protocol.md describes it. */
    static Frame sample(MessageType type) {
        return switch (type) {
            case HELLO -> frame(type, "{\"id\":1,\"client\":\"gimp 3.0\",\"protocol\":1}");
            case WELCOME -> frame(type, "{\"id\":1,\"daemon\":\"atelier\",\"version\":\"0.1.0\",\"protocol\":1,\"pid\":77}");
            case LIST_PANELS -> Frame.of(type, 2);
            case PANELS -> frame(type, "{\"id\":2,\"panels\":[{\"op\":\"upscale\",\"fields\":[{\"name\":\"scale\"}]}]}");
            case SUBMIT -> frame(type, "{\"id\":3,\"op\":\"retouch\",\"params\":{\"prompt\":\"sky <blue> & \u00e9\"},"
                    + "\"priority\":0,\"watch\":true}").withRaster("image", IMAGE).withGray("mask", 3, 2, MASK);
            case ACCEPTED -> frame(type, "{\"id\":3,\"job\":\"j-7\"}");
            case PROGRESS -> frame(type, "{\"job\":\"j-7\",\"fraction\":0.25,\"message\":\"step 5/20\"}")
                    .withRaster("preview", Raster.filled(1, 1, 0xFF0000FF));
            case RESULT -> frame(type, "{\"job\":\"j-7\",\"x\":-4,\"y\":8,\"canvasWidth\":3,\"canvasHeight\":2,"
                    + "\"notices\":[]}").withRaster("image", IMAGE);
            case CANCEL -> frame(type, "{\"id\":4,\"job\":\"j-7\"}");
            case OK -> Frame.of(type, 4);
            case FETCH -> frame(type, "{\"id\":5,\"job\":\"j-7\",\"wait\":false}");
            case STATUS -> Frame.of(type, 6);
            case STATUS_REPLY -> frame(type, "{\"id\":6,\"version\":\"0.1.0\",\"pid\":77,\"uptimeMs\":12345678901,"
                    + "\"engines\":[{\"id\":\"cpu\",\"name\":\"CPU\",\"state\":\"ready\",\"operations\":[\"upscale\"]}],"
                    + "\"queue\":{\"queued\":0,\"running\":1,\"done\":2,\"failed\":0,\"cancelled\":0}}");
            case RELEASE -> frame(type, "{\"job\":\"j-7\"}");
            case ECHO -> Frame.of(type, 8).withBytes("payload", new byte[] {0, 1, (byte) 0xFE, (byte) 0xFF});
            case SHUTDOWN -> Frame.of(type, 9);
            case ERROR -> Frame.error(10, ErrorCode.UNKNOWN_JOB, "No job \"j-9\"");
        };
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyMessageTypeRoundTrips(MessageType type) throws Exception {
        Frame sent = sample(type);
        Frame received = roundTrip(sent);
        assertEquals(type, received.type());
        assertEquals(sent.header(), received.header());
        assertFalse(received.header().has("blobs"), "blobs descriptors are not part of header()");
        assertEquals(sent.blobInfos(), received.blobInfos());
        for (BlobInfo info : sent.blobInfos()) {
            assertArrayEquals(sent.blob(info.name()).orElseThrow(), received.blob(info.name()).orElseThrow());
        }
        assertEquals(sent, received);
        assertEquals(sent.hashCode(), received.hashCode());
    }

    @Test
    void allTypesFollowEachOtherOnOneStream() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out);
        Set<MessageType> types = EnumSet.allOf(MessageType.class);
        for (MessageType t : types) {
            writer.write(sample(t));
        }
        var frames = Frames.readAll(out.toByteArray(), Limits.DEFAULT);
        assertEquals(types.size(), frames.size());
        int i = 0;
        for (MessageType t : types) {
            assertEquals(sample(t), frames.get(i++));
        }
    }

    @Test
    void rasterComesBackAsEqualRaster() throws Exception {
        Frame received = roundTrip(sample(MessageType.RESULT));
        assertEquals(IMAGE, received.raster("image").orElseThrow());
        BlobInfo info = received.blobInfo("image").orElseThrow();
        assertEquals(new BlobInfo("image", 0, 24, BlobFormat.RGBA8, 3, 2), info);
    }

    @Test
    void emptyBlobRoundTrips() throws Exception {
        Frame sent = Frame.of(MessageType.ECHO, 1).withBytes("payload", new byte[0]).withPng("p", new byte[] {1});
        Frame received = roundTrip(sent);
        assertEquals(sent, received);
        assertEquals(0, received.blob("payload").orElseThrow().length);
    }
}
