package dev.atelier.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Garbage in: each case must fail with the exact code and one-line message. */
class FrameReaderErrorTest {

    private static final Limits TINY = new Limits(64, 64);

    /** A frame with a given type byte, flags and raw header/payload; lengths are taken from the arrays. */
    private static byte[] raw(int version, int type, int flags, String header, byte[] payload) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return raw(version, type, flags, h.length, payload.length, Frames.concat(h, payload));
    }

    private static byte[] raw(int version, int type, int flags, long headerLength, long payloadLength, byte[] rest) {
        byte[] prefix = Hex.bytes("41544C52" + String.format("%02X%02X%04X%08X%08X",
                version, type, flags, headerLength, payloadLength));
        return Frames.concat(prefix, rest);
    }

    private static byte[] echo(String header, byte[] payload) {
        return raw(1, 0x0F, 0, header, payload);
    }

    private static ProtocolException fails(byte[] bytes, Limits limits) {
        return assertThrows(ProtocolException.class, () -> new FrameReader(new ByteArrayInputStream(bytes), limits).read());
    }

    private static void fails(byte[] bytes, ErrorCode code, String message) {
        ProtocolException e = fails(bytes, Limits.DEFAULT);
        assertEquals(message, e.getMessage());
        assertEquals(code, e.code());
        assertTrue(code.closesConnection());
    }

    @Test
    void wrongMagic() {
        fails(Hex.bytes("41544C58 01 01 0000 00000002 00000000 7B7D"), ErrorCode.BAD_MAGIC,
                "Bad magic 0x41544C58 (expected 0x41544C52 \"ATLR\")");
        fails(new byte[] {0, 0, 0, 0}, ErrorCode.BAD_MAGIC, "Bad magic 0x00000000 (expected 0x41544C52 \"ATLR\")");
    }

    @Test
    void httpRequestsAreRecognised() {
        fails("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII), ErrorCode.BAD_MAGIC,
                "Bad magic 0x47455420 (expected 0x41544C52 \"ATLR\") \u2014 this socket speaks the Atelier protocol,"
                        + " not HTTP");
        fails("POST /v1/submit HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII), ErrorCode.BAD_MAGIC,
                "Bad magic 0x504F5354 (expected 0x41544C52 \"ATLR\") \u2014 this socket speaks the Atelier protocol,"
                        + " not HTTP");
    }

    @Test
    void magicIsCheckedBeforeWaitingForTheRestOfThePrefix() {
        fails("GET ".getBytes(StandardCharsets.US_ASCII), ErrorCode.BAD_MAGIC,
                "Bad magic 0x47455420 (expected 0x41544C52 \"ATLR\") \u2014 this socket speaks the Atelier protocol,"
                        + " not HTTP");
    }

    @Test
    void wrongVersion() {
        fails(raw(2, 0x01, 0, "{}", new byte[0]), ErrorCode.UNSUPPORTED_VERSION,
                "Unsupported protocol version 2 (this side speaks 1)");
        fails(raw(0, 0x01, 0, "{}", new byte[0]), ErrorCode.UNSUPPORTED_VERSION,
                "Unsupported protocol version 0 (this side speaks 1)");
    }

    @Test
    void unknownType() {
        fails(raw(1, 0x55, 0, "{}", new byte[0]), ErrorCode.UNKNOWN_MESSAGE, "Unknown message type 0x55");
        fails(raw(1, 0x00, 0, "{}", new byte[0]), ErrorCode.UNKNOWN_MESSAGE, "Unknown message type 0x00");
        fails(raw(1, 0xFF, 0, "{}", new byte[0]), ErrorCode.UNKNOWN_MESSAGE, "Unknown message type 0xFF");
    }

    @Test
    void reservedFlags() {
        fails(raw(1, 0x0F, 4, "{}", new byte[0]), ErrorCode.MALFORMED_HEADER, "Reserved flags set: 0x0004");
        fails(raw(1, 0x0F, 0x8000, "{}", new byte[0]), ErrorCode.MALFORMED_HEADER, "Reserved flags set: 0x8000");
    }

    @Test
    void headerTooLarge() {
        fails(raw(1, 0x0F, 0, 2_000_000, 0, new byte[0]), ErrorCode.FRAME_TOO_LARGE,
                "Header of 2000000 bytes exceeds the limit of 1048576");
    }

    @Test
    void payloadTooLarge() {
        fails(raw(1, 0x0F, 0, 2, 1_074_790_401L, Hex.bytes("7B7D")), ErrorCode.FRAME_TOO_LARGE,
                "Payload of 1074790401 bytes exceeds the limit of 1074790400");
    }

    @Test
    void lengthsAreUnsignedAndCheckedBeforeReadingOrAllocating() throws Exception {
        // 0xFFFFFFFF would be -1 as a signed int; it must read as 4294967295 and be refused after 16 bytes.
        byte[] prefix = raw(1, 0x0F, 0, 2, 0xFFFF_FFFFL, new byte[0]);
        InputStream endless = new InputStream() {
            int served;

            @Override
            public int read() {
                if (served >= prefix.length) {
                    throw new AssertionError("reader went past the prefix");
                }
                return prefix[served++] & 0xff;
            }
        };
        ProtocolException e = assertThrows(ProtocolException.class, () -> new FrameReader(endless, TINY).read());
        assertEquals("Payload of 4294967295 bytes exceeds the limit of 64", e.getMessage());
        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());

        ProtocolException h = fails(raw(1, 0x0F, 0, 0xFFFF_FFFFL, 0, new byte[0]), Limits.DEFAULT);
        assertEquals("Header of 4294967295 bytes exceeds the limit of 1048576", h.getMessage());
        assertEquals(ErrorCode.FRAME_TOO_LARGE, h.code());

        ProtocolException t = fails(raw(1, 0x0F, 0, 0x8000_0000L, 0, new byte[0]), TINY);
        assertEquals("Header of 2147483648 bytes exceeds the limit of 64", t.getMessage());
    }

    @Test
    void truncatedAtEveryCutPoint() throws Exception {
        byte[] valid = FrameWriter.encode(FrameRoundTripTest.sample(MessageType.SUBMIT));
        Frame whole = FrameReader.decode(valid, Limits.DEFAULT);
        assertEquals(FrameRoundTripTest.sample(MessageType.SUBMIT), whole);
        int headerLength = ((valid[8] & 0xff) << 24) | ((valid[9] & 0xff) << 16) | ((valid[10] & 0xff) << 8)
                | (valid[11] & 0xff);
        int payloadLength = valid.length - 16 - headerLength;
        assertTrue(new FrameReader(new ByteArrayInputStream(new byte[0])).read().isEmpty(), "cut at 0 is clean EOF");
        for (int cut = 1; cut < valid.length; cut++) {
            byte[] part = Arrays.copyOf(valid, cut);
            ProtocolException e = fails(part, Limits.DEFAULT);
            assertEquals(ErrorCode.TRUNCATED_FRAME, e.code(), "cut at " + cut + ": " + e.getMessage());
            String expected;
            if (cut < 16) {
                expected = "Truncated frame: expected 16 prefix bytes, got " + cut;
            } else if (cut < 16 + headerLength) {
                expected = "Truncated frame: header needs " + headerLength + " bytes, got " + (cut - 16);
            } else {
                expected = "Truncated frame: payload needs " + payloadLength + " bytes, got "
                        + (cut - 16 - headerLength);
            }
            assertEquals(expected, e.getMessage(), "cut at " + cut);
        }
    }

    @Test
    void truncatedInsideAPayloadGapAndTail() {
        String header = "{\"blobs\":[{\"name\":\"b\",\"offset\":4,\"length\":2,\"format\":\"bytes\"}]}";
        byte[] full = raw(1, 0x0F, 0, header.length(), 10, Frames.concat(header.getBytes(StandardCharsets.UTF_8),
                new byte[10]));
        int payloadStart = 16 + header.length();
        for (int got : new int[] {0, 2, 5, 6, 9}) {
            ProtocolException e = fails(Arrays.copyOf(full, payloadStart + got), Limits.DEFAULT);
            assertEquals("Truncated frame: payload needs 10 bytes, got " + got, e.getMessage());
            assertEquals(ErrorCode.TRUNCATED_FRAME, e.code());
        }
    }

    @Test
    void headerNotJson() {
        ProtocolException e = fails(echo("{\"id\":", new byte[0]), Limits.DEFAULT);
        assertEquals(ErrorCode.MALFORMED_HEADER, e.code());
        assertTrue(e.getMessage().startsWith("Header is not valid UTF-8 JSON: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");

        assertEquals("Header is not valid UTF-8 JSON: End of input at line 1 column 7 path $.id", e.getMessage());
        fails(echo("{'id':1}", new byte[0]), ErrorCode.MALFORMED_HEADER,
                "Header is not valid UTF-8 JSON: malformed JSON at line 1 column 3 path $.");
        fails(echo("{} {}", new byte[0]), ErrorCode.MALFORMED_HEADER,
                "Header is not valid UTF-8 JSON: malformed JSON at line 1 column 5 path $");
        fails(echo("{\"id\":1}x", new byte[0]), ErrorCode.MALFORMED_HEADER,
                "Header is not valid UTF-8 JSON: malformed JSON at line 1 column 10 path $");
    }

    @Test
    void deeplyNestedHeaderIsRefused() {
        ProtocolException e = fails(echo("{\"a\":" + "[".repeat(10_000), new byte[0]), Limits.DEFAULT);
        assertEquals(ErrorCode.MALFORMED_HEADER, e.code());
        assertTrue(e.getMessage().startsWith("Header is not valid UTF-8 JSON: Nesting limit"), e.getMessage());
    }

    @Test
    void headerNotUtf8() {
        byte[] header = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        fails(raw(1, 0x0F, 0, header.length, 0, header), ErrorCode.MALFORMED_HEADER,
                "Header is not valid UTF-8 JSON: malformed UTF-8 bytes");
    }

    @Test
    void headerNotAnObject() {
        fails(echo("[1,2]", new byte[0]), ErrorCode.MALFORMED_HEADER, "Header is not a JSON object");
        fails(echo("\"text\"", new byte[0]), ErrorCode.MALFORMED_HEADER, "Header is not a JSON object");
        fails(echo("42", new byte[0]), ErrorCode.MALFORMED_HEADER, "Header is not a JSON object");
        fails(echo("null", new byte[0]), ErrorCode.MALFORMED_HEADER, "Header is not a JSON object");
        fails(echo("", new byte[0]), ErrorCode.MALFORMED_HEADER, "Header is not a JSON object");
    }

    @Test
    void badIdAndJob() {
        fails(echo("{\"id\":\"7\"}", new byte[0]), ErrorCode.MALFORMED_HEADER,
                "Header field \"id\" must be an integer, got \"7\"");
        fails(echo("{\"id\":1.5}", new byte[0]), ErrorCode.MALFORMED_HEADER,
                "Header field \"id\" must be an integer, got 1.5");
        fails(echo("{\"id\":4294967296}", new byte[0]), ErrorCode.MALFORMED_HEADER,
                "Header field \"id\" must be an integer, got 4294967296");
        fails(echo("{\"job\":7}", new byte[0]), ErrorCode.MALFORMED_HEADER,
                "Header field \"job\" must be a string, got 7");
    }

    private static String blobs(String descriptors) {
        return "{\"id\":1,\"blobs\":[" + descriptors + "]}";
    }

    @Test
    void blobOutOfRange() {
        fails(echo(blobs("{\"name\":\"image\",\"offset\":0,\"length\":12,\"format\":\"png\"}"), new byte[8]),
                ErrorCode.BAD_BLOB, "Blob \"image\" (offset 0, length 12) lies outside the payload of 8 bytes");
        fails(echo(blobs("{\"name\":\"image\",\"offset\":4294967295,\"length\":4294967295,\"format\":\"png\"}"),
                        new byte[8]), ErrorCode.BAD_BLOB,
                "Blob \"image\" (offset 4294967295, length 4294967295) lies outside the payload of 8 bytes");
        fails(echo(blobs("{\"name\":\"image\",\"offset\":-1,\"length\":4,\"format\":\"png\"}"), new byte[8]),
                ErrorCode.BAD_BLOB, "Blob \"image\": \"offset\" must be an integer in 0..4294967295, got -1");
        fails(echo(blobs("{\"name\":\"image\",\"offset\":0,\"length\":4294967296,\"format\":\"png\"}"), new byte[8]),
                ErrorCode.BAD_BLOB, "Blob \"image\": \"length\" must be an integer in 0..4294967295, got 4294967296");
    }

    @Test
    void overlappingBlobs() {
        fails(echo(blobs("{\"name\":\"a\",\"offset\":0,\"length\":6,\"format\":\"bytes\"},"
                        + "{\"name\":\"b\",\"offset\":5,\"length\":3,\"format\":\"bytes\"}"), new byte[8]),
                ErrorCode.BAD_BLOB, "Blobs \"a\" and \"b\" overlap");
        // listed in reverse order, one nested inside the other
        fails(echo(blobs("{\"name\":\"inner\",\"offset\":3,\"length\":1,\"format\":\"bytes\"},"
                        + "{\"name\":\"outer\",\"offset\":0,\"length\":8,\"format\":\"bytes\"}"), new byte[8]),
                ErrorCode.BAD_BLOB, "Blobs \"outer\" and \"inner\" overlap");
    }

    @Test
    void adjacentAndEmptyBlobsDoNotOverlap() throws Exception {
        Frame f = FrameReader.decode(echo(blobs("{\"name\":\"b\",\"offset\":4,\"length\":4,\"format\":\"bytes\"},"
                + "{\"name\":\"a\",\"offset\":0,\"length\":4,\"format\":\"bytes\"},"
                + "{\"name\":\"e\",\"offset\":2,\"length\":0,\"format\":\"bytes\"}"),
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), Limits.DEFAULT);
        assertEquals(java.util.List.of("b", "a", "e"), f.blobInfos().stream().map(BlobInfo::name).toList());
        assertEquals(5, f.blob("b").orElseThrow()[0]);
        assertEquals(1, f.blob("a").orElseThrow()[0]);
    }

    @Test
    void rgba8LengthMismatch() {
        fails(echo(blobs("{\"name\":\"image\",\"offset\":0,\"length\":7,\"format\":\"rgba8\",\"width\":2,\"height\":1}"),
                new byte[8]), ErrorCode.BAD_BLOB, "Blob \"image\": rgba8 2x1 needs 8 bytes, got 7");
        fails(echo(blobs("{\"name\":\"mask\",\"offset\":0,\"length\":8,\"format\":\"gray8\",\"width\":2,\"height\":1}"),
                new byte[8]), ErrorCode.BAD_BLOB, "Blob \"mask\": gray8 2x1 needs 2 bytes, got 8");
        fails(echo(blobs("{\"name\":\"image\",\"offset\":0,\"length\":8,\"format\":\"rgba8\",\"width\":2}"),
                new byte[8]), ErrorCode.BAD_BLOB, "Blob \"image\" has no \"height\"");
        fails(echo(blobs("{\"name\":\"image\",\"offset\":0,\"length\":0,\"format\":\"rgba8\",\"width\":0,\"height\":1}"),
                new byte[8]), ErrorCode.BAD_BLOB, "Blob \"image\": \"width\" must be an integer in 1..2147483647, got 0");
    }

    @Test
    void duplicateBlobNames() {
        fails(echo(blobs("{\"name\":\"image\",\"offset\":0,\"length\":4,\"format\":\"png\"},"
                        + "{\"name\":\"image\",\"offset\":4,\"length\":4,\"format\":\"png\"}"), new byte[8]),
                ErrorCode.BAD_BLOB, "Duplicate blob name \"image\"");
    }

    @Test
    void malformedDescriptors() {
        fails(echo("{\"blobs\":{}}", new byte[0]), ErrorCode.BAD_BLOB,
                "Header field \"blobs\" must be an array of blob descriptors");
        fails(echo(blobs("3"), new byte[0]), ErrorCode.BAD_BLOB, "Blob #0 is not a JSON object");
        fails(echo(blobs("{\"offset\":0,\"length\":0,\"format\":\"png\"}"), new byte[0]), ErrorCode.BAD_BLOB,
                "Blob #0 has no \"name\" (a non-empty string)");
        fails(echo(blobs("{\"name\":\"x\",\"offset\":0,\"length\":0}"), new byte[0]), ErrorCode.BAD_BLOB,
                "Blob \"x\" has no \"format\" (rgba8, gray8, png or bytes)");
        fails(echo(blobs("{\"name\":\"x\",\"offset\":0,\"length\":0,\"format\":\"jpeg\"}"), new byte[0]),
                ErrorCode.BAD_BLOB, "Blob \"x\" has unknown format \"jpeg\" (expected rgba8, gray8, png or bytes)");
        fails(echo(blobs("{\"name\":\"x\",\"offset\":0.5,\"length\":0,\"format\":\"png\"}"), new byte[0]),
                ErrorCode.BAD_BLOB, "Blob \"x\": \"offset\" must be an integer in 0..4294967295, got 0.5");
    }

    @Test
    void failedReaderRefusesFurtherReads() {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(Hex.bytes("41544C58 0000")));
        assertThrows(ProtocolException.class, reader::read);
        assertThrows(IllegalStateException.class, reader::read);
    }

    @Test
    void freshReaderAfterFailureWorks() throws Exception {
        assertThrows(ProtocolException.class, () -> new FrameReader(new ByteArrayInputStream(
                "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).read());
        Frame hello = FrameRoundTripTest.sample(MessageType.HELLO);
        assertEquals(hello, new FrameReader(new ByteArrayInputStream(FrameWriter.encode(hello))).read().orElseThrow());
    }

    @Test
    void frameAfterAnErrorFrameStillDecodes() throws Exception {
        Frame error = Frame.error(3, ErrorCode.BUSY, "Job j-1 is still running");
        Frame echo = FrameRoundTripTest.sample(MessageType.ECHO);
        var frames = Frames.readAll(Frames.concat(FrameWriter.encode(error), FrameWriter.encode(echo)), Limits.DEFAULT);
        assertEquals(java.util.List.of(error, echo), frames);
        assertEquals(ErrorCode.BUSY, frames.get(0).errorCode());
    }
}
