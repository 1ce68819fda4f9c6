package dev.atelier.core.protocol;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Test helpers around the codec. */
final class Frames {

    private Frames() {
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    static Frame frame(MessageType type, String header) {
        return Frame.of(type, json(header));
    }

    static Frame roundTrip(Frame frame) throws IOException {
        return FrameReader.decode(FrameWriter.encode(frame), Limits.DEFAULT);
    }

    /** Reads every frame until clean end of stream. */
    static List<Frame> readAll(byte[] bytes, Limits limits) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes), limits);
        List<Frame> frames = new ArrayList<>();
        for (var f = reader.read(); f.isPresent(); f = reader.read()) {
            frames.add(f.get());
        }
        return frames;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
