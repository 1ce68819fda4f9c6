package dev.atelier.core.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.protocol.Frame;
import dev.atelier.core.protocol.MessageType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RESULT frame's form of an {@link OperationResult}, shared by the daemon (writes) and the client (reads), so
 * both ends agree. A batch adds {@code "images": N} to the header and blobs {@code image}, {@code image.1}, …
 * {@code image.N-1}; a single image leaves the key out, so such frames are byte-identical to before batches.
 */
public final class ResultFrames {

    /** The header key giving the number of images when there is more than one. */
    public static final String IMAGES = "images";

    private ResultFrames() {}

    /** Returns the blob name of image {@code index} (0-based): {@code image}, then {@code image.1}, …. */
    public static String blobName(int index) {
        return index == 0 ? "image" : "image." + index;
    }

    /** Returns the RESULT frame for {@code result}, adding the result's keys to {@code header} (id first, if any). */
    public static Frame encode(JsonObject header, String jobId, OperationResult result) {
        JsonObject h = header.deepCopy();
        h.addProperty("job", jobId);
        h.addProperty("x", result.x());
        h.addProperty("y", result.y());
        h.addProperty("canvasWidth", result.canvasWidth());
        h.addProperty("canvasHeight", result.canvasHeight());
        JsonArray notices = new JsonArray();
        result.notices().forEach(notices::add);
        h.add("notices", notices);
        if (!result.metadata().isEmpty()) {
            JsonObject meta = new JsonObject();
            result.metadata().forEach(meta::addProperty);
            h.add("meta", meta);
        }
        List<Raster> images = result.images();
        if (images.size() > 1) {
            h.addProperty(IMAGES, images.size());
        }
        Frame frame = Frame.of(MessageType.RESULT, h);
        for (int i = 0; i < images.size(); i++) {
            frame = frame.withRaster(blobName(i), images.get(i));
        }
        return frame;
    }

    /**
     * Reads a RESULT frame.
     *
     * @throws AtelierException ({@code INTERNAL}) when the frame is not a result this side can use: an image count
     *         outside 1..{@link OperationResult#MAX_IMAGES}, a missing image or images of different sizes
     */
    public static OperationResult decode(Frame frame) throws AtelierException {
        JsonObject h = frame.header();
        int count = 1;
        if (h.has(IMAGES)) {
            JsonElement n = h.get(IMAGES);
            count = n.isJsonPrimitive() && n.getAsJsonPrimitive().isNumber() ? n.getAsInt() : -1;
            if (count < 1 || count > OperationResult.MAX_IMAGES || count != n.getAsDouble()) {
                throw bad("declares " + n + " images (1.." + OperationResult.MAX_IMAGES + " allowed)");
            }
        }
        List<Raster> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = blobName(i);
            try {
                images.add(frame.raster(name).orElseThrow(() -> new IllegalArgumentException("has no \""
                        + name + "\" blob")));
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }
        List<String> notices = new ArrayList<>();
        if (h.has("notices")) {
            h.getAsJsonArray("notices").forEach(x -> notices.add(x.getAsString()));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (h.has("meta")) {
            h.getAsJsonObject("meta").entrySet().forEach(e -> meta.put(e.getKey(), e.getValue().getAsString()));
        }
        try {
            return new OperationResult(images.get(0), h.get("x").getAsInt(), h.get("y").getAsInt(),
                    h.get("canvasWidth").getAsInt(), h.get("canvasHeight").getAsInt(), notices, meta,
                    images.subList(1, count));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private static AtelierException bad(String why) {
        return new AtelierException(ErrorCode.INTERNAL, "The daemon's RESULT " + why);
    }
}
