package dev.atelier.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import org.junit.jupiter.api.Test;

/** Frames written out byte by byte, decoded and encoded exactly. */
class FrameHexTest {

    // ECHO, empty header {}
    private static final String ECHO_EMPTY = ""
            + "41544C52 | 01 | 0F | 0000 "   // magic "ATLR", version 1, type ECHO, flags 0
            + "00000002 | 00000000 "         // header 2 bytes, payload 0 bytes
            + "7B7D";                        // {}

    // OK {"id":7}
    private static final String OK_ID_7 = ""
            + "41544C52 01 0A 0000 "          // magic, version 1, type OK, flags 0
            + "00000008 00000000 "            // header 8 bytes, no payload
            + "7B226964223A377D";             // {"id":7}

    // RESULT {"job":"j","blobs":[{"name":"image","offset":0,"length":4,"format":"rgba8","width":1,"height":1}]}
    // followed by one pixel 0x11223344
    private static final String RESULT_ONE_PIXEL = ""
            + "41544C52 01 08 0000 "          // magic, version 1, type RESULT, flags 0
            + "00000062 00000004 "            // header 98 bytes, payload 4 bytes
            + Hex.ascii("{\"job\":\"j\",\"blobs\":[{\"name\":\"image\",\"offset\":0,\"length\":4,"
                    + "\"format\":\"rgba8\",\"width\":1,\"height\":1}]}")
            + "11223344";                     // R G B A

    // ERROR {"code":104,"name":"UNKNOWN_MESSAGE","message":"Unknown message type 0x55"}
    private static final String ERROR_NO_ID = ""
            + "41544C52 01 7F 0000 "          // magic, version 1, type ERROR, flags 0
            + "0000004B 00000000 "            // header 75 bytes, no payload
            + Hex.ascii("{\"code\":104,\"name\":\"UNKNOWN_MESSAGE\",\"message\":\"Unknown message type 0x55\"}");

    @Test
    void echoWithEmptyHeader() throws Exception {
        Frame f = FrameReader.decode(Hex.bytes(ECHO_EMPTY), Limits.DEFAULT);
        assertEquals(MessageType.ECHO, f.type());
        assertEquals(0, f.header().size());
        assertTrue(f.blobInfos().isEmpty());
        assertTrue(f.id().isEmpty());
        assertArrayEquals(Hex.bytes(ECHO_EMPTY), FrameWriter.encode(Frame.of(MessageType.ECHO)));
    }

    @Test
    void okWithId() throws Exception {
        Frame f = FrameReader.decode(Hex.bytes(OK_ID_7), Limits.DEFAULT);
        assertEquals(MessageType.OK, f.type());
        assertEquals(7, f.id().getAsInt());
        assertArrayEquals(Hex.bytes(OK_ID_7), FrameWriter.encode(Frame.of(MessageType.OK, 7)));
    }

    @Test
    void resultWithOnePixel() throws Exception {
        Frame f = FrameReader.decode(Hex.bytes(RESULT_ONE_PIXEL), Limits.DEFAULT);
        assertEquals(MessageType.RESULT, f.type());
        assertEquals("j", f.job().orElseThrow());
        assertEquals(0x11223344, f.raster("image").orElseThrow().rgba(0, 0));
        Frame built = Frames.frame(MessageType.RESULT, "{\"job\":\"j\"}")
                .withRaster("image", Raster.filled(1, 1, 0x11223344));
        assertArrayEquals(Hex.bytes(RESULT_ONE_PIXEL), FrameWriter.encode(built));
    }

    @Test
    void errorWithoutId() throws Exception {
        Frame f = FrameReader.decode(Hex.bytes(ERROR_NO_ID), Limits.DEFAULT);
        assertEquals(ErrorCode.UNKNOWN_MESSAGE, f.errorCode());
        assertEquals("Unknown message type 0x55", f.errorMessage());
        assertArrayEquals(Hex.bytes(ERROR_NO_ID),
                FrameWriter.encode(Frame.error(ErrorCode.UNKNOWN_MESSAGE, "Unknown message type 0x55")));
    }

    @Test
    void gapBytesInThePayloadAreSkipped() throws Exception {
        // ECHO {"blobs":[{"name":"b","offset":2,"length":2,"format":"bytes"}]}, payload "xxAB" + 1 trailing byte
        String header = "{\"blobs\":[{\"name\":\"b\",\"offset\":2,\"length\":2,\"format\":\"bytes\"}]}";
        byte[] bytes = Hex.bytes("41544C52 01 0F 0000 " + String.format("%08X", header.length()) + " 00000005 "
                + Hex.ascii(header) + "7878 4142 7A");
        Frame f = FrameReader.decode(bytes, Limits.DEFAULT);
        assertArrayEquals(new byte[] {'A', 'B'}, f.blob("b").orElseThrow());
        assertEquals(2, f.blobInfo("b").orElseThrow().offset());
    }
}
