package dev.atelier.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.atelier.core.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Checks the shared vectors in testdata/protocol-vectors.json (also used by the Python hosts) both ways. */
class ProtocolVectorsTest {

    private static final Path FILE = Path.of("..", "testdata", "protocol-vectors.json");

    private static List<JsonObject> cases() throws Exception {
        JsonObject root = JsonParser.parseString(Files.readString(FILE, StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(Wire.VERSION, root.get("protocol").getAsInt());
        List<JsonObject> cases = new ArrayList<>();
        root.getAsJsonArray("cases").forEach(e -> cases.add(e.getAsJsonObject()));
        return cases;
    }

    @Test
    void fileCoversTheAgreedCases() throws Exception {
        List<String> names = cases().stream().map(c -> c.get("name").getAsString()).toList();
        for (String required : List.of("hello", "welcome", "submit-image-and-mask", "progress-with-preview", "result",
                "error", "echo-with-payload", "bad-magic", "bad-version", "unknown-type", "truncated-header",
                "blob-out-of-range")) {
            assertTrue(names.contains(required), required);
        }
        assertEquals(names.size(), Set.copyOf(names).size(), "unique names");
    }

    @TestFactory
    Stream<DynamicTest> everyVector() throws Exception {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(), () -> check(c)));
    }

    private static void check(JsonObject c) throws Exception {
        byte[] bytes = Hex.bytes(c.get("hex").getAsString());
        if (c.has("error")) {
            JsonObject error = c.getAsJsonObject("error");
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> new FrameReader(new ByteArrayInputStream(bytes)).read());
            ErrorCode code = ErrorCode.valueOf(error.get("name").getAsString());
            assertEquals(error.get("code").getAsInt(), code.wire());
            assertEquals(code, e.code());
            assertEquals(error.get("message").getAsString(), e.getMessage());
            // the same bytes trickled in one at a time fail the same way
            ProtocolException slow = assertThrows(ProtocolException.class,
                    () -> new FrameReader(new TrickleInputStream(bytes)).read());
            assertEquals(e.getMessage(), slow.getMessage());
            return;
        }
        JsonObject expect = c.getAsJsonObject("expect");
        MessageType type = MessageType.valueOf(expect.get("type").getAsString());
        JsonObject wireHeader = expect.getAsJsonObject("header");
        JsonObject blobHex = expect.getAsJsonObject("blobs");

        // decode: hex -> expected frame
        Frame decoded = FrameReader.decode(bytes, Limits.DEFAULT);
        assertEquals(type, decoded.type());
        JsonObject header = wireHeader.deepCopy();
        JsonElement descriptors = header.remove("blobs");
        assertEquals(header, decoded.header());
        assertEquals(blobHex.size(), decoded.blobInfos().size());
        for (Map.Entry<String, JsonElement> blob : blobHex.entrySet()) {
            assertEquals(blob.getValue().getAsString(), Hex.of(decoded.blob(blob.getKey()).orElseThrow()),
                    blob.getKey());
        }

        // encode: expected frame -> identical hex
        Frame built = Frame.of(type, header);
        if (descriptors != null) {
            for (JsonElement d : descriptors.getAsJsonArray()) {
                BlobInfo info = BlobInfo.parse(d, 0, Long.MAX_VALUE);
                assertEquals(info, decoded.blobInfo(info.name()).orElseThrow());
                built = built.withBlob(info.name(), info.format(), info.width(), info.height(),
                        Hex.bytes(blobHex.get(info.name()).getAsString()));
            }
        }
        assertEquals(c.get("hex").getAsString(), Hex.of(FrameWriter.encode(built)));
        assertEquals(c.get("hex").getAsString(), Hex.of(FrameWriter.encode(decoded)));
    }
}
