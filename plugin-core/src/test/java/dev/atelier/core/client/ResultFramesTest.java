package dev.atelier.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.protocol.Frame;
import dev.atelier.core.protocol.FrameReader;
import dev.atelier.core.protocol.FrameWriter;
import dev.atelier.core.protocol.Limits;
import dev.atelier.core.protocol.MessageType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RESULT codec against the shared vectors (testdata/protocol-vectors.json), both ways, and its bounds. */
class ResultFramesTest {

    private static final byte[] IMAGE = {(byte) 255, 0, 0, (byte) 255, 0, 0, (byte) 255, (byte) 128};

    private static String vector(String name) throws Exception {
        JsonObject root = JsonParser.parseString(Files.readString(Path.of("..", "testdata", "protocol-vectors.json"),
                StandardCharsets.UTF_8)).getAsJsonObject();
        for (var c : root.getAsJsonArray("cases")) {
            if (c.getAsJsonObject().get("name").getAsString().equals(name)) {
                return c.getAsJsonObject().get("hex").getAsString();
            }
        }
        throw new AssertionError("no vector " + name);
    }

    private static String hex(Frame f) {
        return HexFormat.of().formatHex(FrameWriter.encode(f));
    }

    private static OperationResult decode(String hex) throws Exception {
        return ResultFrames.decode(FrameReader.decode(HexFormat.of().parseHex(hex), Limits.DEFAULT));
    }

    @Test
    void aSingleImageIsTheFrameFromBeforeBatches() throws Exception {
        OperationResult r = new OperationResult(Raster.wrap(2, 1, IMAGE.clone()), 0, 0, 2, 1,
                List.of("upscaled \u00d72"));
        assertEquals(vector("result"), hex(ResultFrames.encode(new JsonObject(), "j-1", r)));
        OperationResult back = decode(vector("result"));
        assertEquals(r, back);
        assertEquals(List.of(), back.variations());
    }

    @Test
    void aBatchAddsTheCountAndNumberedBlobs() throws Exception {
        byte[] second = new byte[8];
        System.arraycopy(IMAGE, 4, second, 0, 4);
        System.arraycopy(IMAGE, 0, second, 4, 4);
        OperationResult r = new OperationResult(Raster.wrap(2, 1, IMAGE.clone()), -1, 0, 3, 1, List.of(),
                Map.of("seed", "42")).withVariations(List.of(Raster.wrap(2, 1, second)));
        assertEquals(vector("result-batch"), hex(ResultFrames.encode(new JsonObject(), "j-2", r)));
        OperationResult back = decode(vector("result-batch"));
        assertEquals(r, back);
        assertEquals(List.of(Raster.wrap(2, 1, IMAGE.clone()), Raster.wrap(2, 1, second)), back.images());
        assertEquals(back.images().get(0), back.image());
    }

    @Test
    void anImageCountOutsideTheBoundOrWithoutItsBlobsIsRefused() {
        Raster px = Raster.wrap(1, 1, new byte[4]);
        for (Object n : List.of(0, 9, 1000000, -1, 1.5, "2")) {
            JsonObject h = header();
            if (n instanceof Number num) {
                h.addProperty(ResultFrames.IMAGES, num);
            } else {
                h.addProperty(ResultFrames.IMAGES, (String) n);
            }
            Frame f = Frame.of(MessageType.RESULT, h).withRaster("image", px);
            AtelierException e = assertThrows(AtelierException.class, () -> ResultFrames.decode(f), n.toString());
            assertEquals(ErrorCode.INTERNAL, e.code());
            assertTrue(e.getMessage().contains("images"), e.getMessage());
        }
        JsonObject h = header();
        h.addProperty(ResultFrames.IMAGES, 3);
        Frame missing = Frame.of(MessageType.RESULT, h).withRaster("image", px).withRaster("image.1", px);
        assertTrue(assertThrows(AtelierException.class, () -> ResultFrames.decode(missing)).getMessage()
                .contains("\"image.2\""));
        h = header();
        h.addProperty(ResultFrames.IMAGES, 2);
        Frame sizes = Frame.of(MessageType.RESULT, h).withRaster("image", px)
                .withRaster("image.1", Raster.wrap(2, 1, new byte[8]));
        assertThrows(AtelierException.class, () -> ResultFrames.decode(sizes));
    }

    @Test
    void resultsAreImmutableAndBounded() {
        Raster px = Raster.wrap(1, 1, new byte[4]);
        OperationResult r = OperationResult.whole(px, List.of()).withVariations(List.of(px));
        assertThrows(UnsupportedOperationException.class, () -> r.variations().add(px));
        assertThrows(UnsupportedOperationException.class, () -> r.images().add(px));
        assertEquals(2, r.withNotice("n").withMetadata(Map.of("k", "v")).images().size());
        assertThrows(IllegalArgumentException.class,
                () -> r.withVariations(java.util.Collections.nCopies(OperationResult.MAX_IMAGES - 1, px)));
        assertThrows(IllegalArgumentException.class,
                () -> r.withVariations(List.of(Raster.wrap(2, 1, new byte[8]))));
    }

    private static JsonObject header() {
        JsonObject h = new JsonObject();
        h.addProperty("job", "j");
        h.addProperty("x", 0);
        h.addProperty("y", 0);
        h.addProperty("canvasWidth", 1);
        h.addProperty("canvasHeight", 1);
        return h;
    }
}
