package dev.atelier.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.atelier.core.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameWriterTest {

    /** Records every array handed to write(byte[], int, int). */
    private static final class RecordingStream extends OutputStream {
        final List<byte[]> arrays = new ArrayList<>();
        int flushes;
        long bytes;

        @Override
        public void write(int b) {
            throw new AssertionError("single-byte writes are not expected");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            arrays.add(b);
            bytes += len;
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void blobsAreWrittenFromTheirOwnArrays() throws Exception {
        Raster image = Raster.filled(64, 64, 0x10203040);
        byte[] mask = new byte[64 * 64];
        Frame frame = Frame.of(MessageType.SUBMIT, 1).withRaster("image", image).withGray("mask", 64, 64, mask);
        RecordingStream out = new RecordingStream();
        new FrameWriter(out).write(frame);
        assertEquals(3, out.arrays.size(), "prefix+header, then each blob");
        assertSame(image.unsafeBytes(), out.arrays.get(1));
        assertSame(mask, out.arrays.get(2));
        assertEquals(1, out.flushes);
        assertEquals(FrameWriter.encode(frame).length, out.bytes);
    }

    @Test
    void prefixFieldsAreBigEndian() {
        byte[] bytes = FrameWriter.encode(Frame.of(MessageType.ECHO, 1).withBytes("payload", new byte[0x0102]));
        String hex = Hex.of(bytes);
        assertTrue(hex.startsWith("41544c52" + "01" + "0f" + "0000"), hex);
        assertEquals("00000102", hex.substring(24, 32), "payload length");
    }

    @Test
    void headerIsCompactOrderedAndNotHtmlEscaped() {
        JsonObject h = new JsonObject();
        h.addProperty("z", "a<b>&'=\u00e9");
        h.addProperty("a", 1);
        byte[] bytes = FrameWriter.encode(Frame.of(MessageType.ECHO, h));
        String json = new String(bytes, 16, bytes.length - 16, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("{\"z\":\"a<b>&'=\u00e9\",\"a\":1}", json);
    }

    @Test
    void refusesHeaderOverTheLimit() {
        JsonObject h = new JsonObject();
        h.addProperty("message", "x".repeat(100));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out, new Limits(64, 1 << 20));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> writer.write(Frame.of(MessageType.ERROR, h)));
        assertEquals("Header of 114 bytes exceeds the limit of 64 (ERROR)", e.getMessage());
        assertEquals(0, out.size(), "nothing written");
    }

    @Test
    void refusesPayloadOverTheLimit() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out, new Limits(1024, 10));
        Frame frame = Frame.of(MessageType.ECHO, 1).withBytes("a", new byte[6]).withBytes("b", new byte[5]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.write(frame));
        assertEquals("Payload of 11 bytes exceeds the limit of 10 (ECHO)", e.getMessage());
        assertEquals(0, out.size());
    }

    @Test
    void blobOffsetsArePackedEvenForFramesReadWithGaps() throws Exception {
        String header = "{\"blobs\":[{\"name\":\"b\",\"offset\":3,\"length\":1,\"format\":\"bytes\"},"
                + "{\"name\":\"a\",\"offset\":0,\"length\":2,\"format\":\"bytes\"}]}";
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] raw = Frames.concat(Hex.bytes("41544C52 01 0F 0000" + String.format("%08X", h.length) + "00000004"),
                h, new byte[] {1, 2, 9, 3});
        Frame read = FrameReader.decode(raw, Limits.DEFAULT);
        Frame again = FrameReader.decode(FrameWriter.encode(read), Limits.DEFAULT);
        assertEquals(read, again);
        assertEquals(0, again.blobInfo("b").orElseThrow().offset());
        assertEquals(1, again.blobInfo("a").orElseThrow().offset());
        assertEquals(3, again.payloadLength());
    }
}
