package dev.atelier.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Raster;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader must not care how the bytes are split across read calls. */
class FrameReaderStreamingTest {

    private static List<Frame> sent() {
        List<Frame> frames = new ArrayList<>();
        frames.add(FrameRoundTripTest.sample(MessageType.HELLO));
        frames.add(FrameRoundTripTest.sample(MessageType.SUBMIT));
        // a gap-free frame with a blob large enough to span many skip/read chunks
        frames.add(Frame.of(MessageType.RESULT, 1).withRaster("image", Raster.filled(70, 50, 0x01020304)));
        frames.add(FrameRoundTripTest.sample(MessageType.ECHO));
        return frames;
    }

    private static byte[] stream(List<Frame> frames) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out);
        for (Frame f : frames) {
            writer.write(f);
        }
        return out.toByteArray();
    }

    @Test
    void oneBytePerRead() throws Exception {
        List<Frame> frames = sent();
        TrickleInputStream in = new TrickleInputStream(stream(frames));
        FrameReader reader = new FrameReader(in);
        for (Frame expected : frames) {
            assertEquals(expected, reader.read().orElseThrow());
        }
        assertTrue(reader.read().isEmpty(), "clean end of stream on a frame boundary");
        assertTrue(reader.read().isEmpty(), "and again");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7, 16, 17, 100, 4096, 1 << 20})
    void splitChunks(int chunk) throws Exception {
        List<Frame> frames = sent();
        FrameReader reader = new FrameReader(new TrickleInputStream(stream(frames), chunk));
        for (Frame expected : frames) {
            assertEquals(expected, reader.read().orElseThrow());
        }
        assertTrue(reader.read().isEmpty());
    }

    @Test
    void emptyStreamIsCleanEnd() throws Exception {
        assertTrue(new FrameReader(new TrickleInputStream(new byte[0])).read().isEmpty());
    }

    @Test
    void readerDoesNotReadPastTheFrame() throws Exception {
        byte[] one = FrameWriter.encode(FrameRoundTripTest.sample(MessageType.SUBMIT));
        TrickleInputStream in = new TrickleInputStream(Frames.concat(one, new byte[] {'x'}), 1 << 20);
        new FrameReader(in).read().orElseThrow();
        assertEquals(one.length, in.bytesRead());
    }
}
