package dev.atelier.core.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes frames to an output stream. Blobs are laid out back to back in the payload, in the frame's order, and
 * their descriptors are appended to the header as {@code "blobs"} (only when there are blobs). Each blob's array
 * is written to the stream as is: no payload buffer is ever assembled.
 *
 * <p>{@link #write} is synchronized, so daemon threads may share one writer per connection; each call writes one
 * complete frame and flushes. The stream is not closed by this class.
 */
public final class FrameWriter {

    private final OutputStream out;
    private final Limits limits;

    public FrameWriter(OutputStream out, Limits limits) {
        this.out = Objects.requireNonNull(out, "out");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public FrameWriter(OutputStream out) {
        this(out, Limits.DEFAULT);
    }

    /**
     * Writes one frame and flushes.
     *
     * @throws IllegalArgumentException if the header or payload exceeds this writer's limits; nothing is written
     */
    public synchronized void write(Frame frame) throws IOException {
        List<BlobInfo> infos = frame.blobInfos();
        JsonObject header = frame.header();
        long payload = 0;
        if (!infos.isEmpty()) {
            JsonArray blobs = new JsonArray(infos.size());
            for (BlobInfo info : infos) {
                BlobInfo packed = new BlobInfo(info.name(), payload, info.length(), info.format(), info.width(),
                        info.height());
                blobs.add(packed.toJson());
                payload += info.length();
            }
            header.add(Wire.BLOBS, blobs);
        }
        byte[] json = Wire.GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
        if (json.length > limits.maxHeaderBytes()) {
            throw new IllegalArgumentException("Header of " + json.length + " bytes exceeds the limit of "
                    + limits.maxHeaderBytes() + " (" + frame.type() + ")");
        }
        if (payload > limits.maxPayloadBytes()) {
            throw new IllegalArgumentException("Payload of " + payload + " bytes exceeds the limit of "
                    + limits.maxPayloadBytes() + " (" + frame.type() + ")");
        }

        byte[] head = new byte[Wire.PREFIX_BYTES + json.length];
        putInt(head, 0, Wire.MAGIC);
        head[4] = (byte) Wire.VERSION;
        head[5] = (byte) frame.type().code();
        head[6] = 0;
        head[7] = 0;
        putInt(head, 8, json.length);
        putInt(head, 12, (int) payload);
        System.arraycopy(json, 0, head, Wire.PREFIX_BYTES, json.length);
        out.write(head);
        for (BlobInfo info : infos) {
            out.write(frame.blob(info.name()).orElseThrow());
        }
        out.flush();
    }

    /** Returns the bytes of one frame (tests, vectors, small messages); uses {@link Limits#DEFAULT}. */
    public static byte[] encode(Frame frame) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            new FrameWriter(bytes).write(frame);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
