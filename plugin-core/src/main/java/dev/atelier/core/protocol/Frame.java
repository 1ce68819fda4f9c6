package dev.atelier.core.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One protocol message: a type, a JSON header and named binary blobs.
 *
 * <p>Immutable. The header is deep-copied in and out; {@link #header()} never contains the reserved
 * {@code "blobs"} key, whose descriptors are exposed as {@link #blobInfos()} and written by {@link FrameWriter}.
 * Blob arrays are <em>not</em> copied (images are large): a frame takes ownership of the arrays given to
 * {@code with*} and hands out the same arrays from {@link #blob}; nobody may write to them afterwards.
 *
 * <p>Building a frame to send:
 * <pre>{@code
 * JsonObject h = new JsonObject();
 * h.addProperty("id", 7);
 * h.addProperty("op", "upscale");
 * Frame submit = Frame.of(MessageType.SUBMIT, h).withRaster("image", raster).withGray("mask", w, h, mask);
 * }</pre>
 */
public final class Frame {

    private final MessageType type;
    private final JsonObject header;
    private final List<BlobInfo> infos;
    private final List<byte[]> data;

    private Frame(MessageType type, JsonObject header, List<BlobInfo> infos, List<byte[]> data) {
        this.type = type;
        this.header = header;
        this.infos = infos;
        this.data = data;
    }

    /** Returns a frame with a copy of {@code header} and no blobs. The header must not use the key "blobs". */
    public static Frame of(MessageType type, JsonObject header) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(header, "header");
        if (header.has(Wire.BLOBS)) {
            throw new IllegalArgumentException("header key \"blobs\" is reserved; add blobs with withBlob()");
        }
        return new Frame(type, header.deepCopy(), List.of(), List.of());
    }

    /** Returns a frame with an empty header {@code {}} and no blobs. */
    public static Frame of(MessageType type) {
        return of(type, new JsonObject());
    }

    /** Returns a frame with header {@code {"id": id}}. */
    public static Frame of(MessageType type, int id) {
        JsonObject h = new JsonObject();
        h.addProperty("id", id);
        return of(type, h);
    }

    /**
     * Returns an ERROR frame with header {@code {"id"?, "code", "name", "message"}}; the id is left out when
     * {@code id} is null (errors not tied to a request, e.g. protocol errors before any header was read).
     * Pass {@code (Integer) null} or use {@link #error(ErrorCode, String)}: a bare {@code null} is ambiguous.
     */
    public static Frame error(Integer id, ErrorCode code, String message) {
        return error(id, null, code, message);
    }

    /** Returns an ERROR frame without an id: {@code {"code", "name", "message"}}. */
    public static Frame error(ErrorCode code, String message) {
        return error(null, null, code, message);
    }

    /** Same as {@link #error(Integer, ErrorCode, String)} with an optional id. */
    public static Frame error(OptionalInt id, ErrorCode code, String message) {
        return error(id.isPresent() ? id.getAsInt() : null, null, code, message);
    }

    /** Returns an ERROR frame ending a job: {@code {"job", "code", "name", "message"}}. */
    public static Frame jobError(String job, ErrorCode code, String message) {
        return error(null, Objects.requireNonNull(job, "job"), code, message);
    }

    /** Returns an ERROR frame {@code {"id"?, "job"?, "code", "name", "message"}}; id and job may be null. */
    public static Frame error(Integer id, String job, ErrorCode code, String message) {
        JsonObject h = new JsonObject();
        if (id != null) {
            h.addProperty("id", id);
        }
        if (job != null) {
            h.addProperty("job", job);
        }
        h.addProperty("code", code.wire());
        h.addProperty("name", code.name());
        h.addProperty("message", Objects.requireNonNull(message, "message"));
        return new Frame(MessageType.ERROR, h, List.of(), List.of());
    }

    /** Frames read from the wire: the header (already without "blobs") and descriptors are trusted as validated. */
    static Frame decoded(MessageType type, JsonObject header, List<BlobInfo> infos, List<byte[]> data) {
        return new Frame(type, header, List.copyOf(infos), List.copyOf(data));
    }

    /**
     * Returns a copy of this frame with one more blob. Raw formats need a positive width and height matching the
     * length; for png and bytes they are optional hints (0 = absent). The array is not copied.
     *
     * @throws IllegalArgumentException on a duplicate name or a size that does not match the bytes
     */
    public Frame withBlob(String name, BlobFormat format, int width, int height, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (blobIndex(name) >= 0) {
            throw new IllegalArgumentException("duplicate blob name \"" + name + "\"");
        }
        long offset = infos.isEmpty() ? 0 : infos.get(infos.size() - 1).end();
        BlobInfo info = new BlobInfo(name, offset, bytes.length, format, width, height);
        List<BlobInfo> newInfos = new ArrayList<>(infos);
        newInfos.add(info);
        List<byte[]> newData = new ArrayList<>(data);
        newData.add(bytes);
        return new Frame(type, header, Collections.unmodifiableList(newInfos), Collections.unmodifiableList(newData));
    }

    /** Adds an rgba8 blob over the raster's own pixel array (no copy). */
    public Frame withRaster(String name, Raster raster) {
        return withBlob(name, BlobFormat.RGBA8, raster.width(), raster.height(), raster.unsafeBytes());
    }

    /** Adds a gray8 blob (a mask, one byte per pixel). */
    public Frame withGray(String name, int width, int height, byte[] gray) {
        return withBlob(name, BlobFormat.GRAY8, width, height, gray);
    }

    /** Adds a png blob (a complete PNG file). */
    public Frame withPng(String name, byte[] png) {
        return withBlob(name, BlobFormat.PNG, 0, 0, png);
    }

    /** Adds an opaque bytes blob (e.g. the ECHO payload). */
    public Frame withBytes(String name, byte[] bytes) {
        return withBlob(name, BlobFormat.BYTES, 0, 0, bytes);
    }

    public MessageType type() {
        return type;
    }

    /** Returns a deep copy of the header, without the "blobs" key. */
    public JsonObject header() {
        return header.deepCopy();
    }

    /** Returns true if the header has {@code key} (and it is not JSON null). */
    public boolean has(String key) {
        JsonElement e = header.get(key);
        return e != null && !e.isJsonNull();
    }

    /** Returns the request id, or empty when the header has no integer "id". */
    public OptionalInt id() {
        return integer("id");
    }

    /** Returns the job id ({@code "job"}), or empty. */
    public Optional<String> job() {
        return string("job");
    }

    /** Returns a string field, or empty if absent or not a string. */
    public Optional<String> string(String key) {
        JsonElement e = header.get(key);
        if (e instanceof JsonPrimitive p && p.isString()) {
            return Optional.of(p.getAsString());
        }
        return Optional.empty();
    }

    /** Returns an integer field, or empty if absent or not an integral number in int range. */
    public OptionalInt integer(String key) {
        JsonElement e = header.get(key);
        if (e == null) {
            return OptionalInt.empty();
        }
        Long v = BlobInfo.exactLong(e);
        if (v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(v.intValue());
    }

    /** Returns a boolean field, or {@code otherwise} if absent or not a boolean. */
    public boolean bool(String key, boolean otherwise) {
        JsonElement e = header.get(key);
        if (e instanceof JsonPrimitive p && p.isBoolean()) {
            return p.getAsBoolean();
        }
        return otherwise;
    }

    /** Returns a deep copy of any header member, or empty. */
    public Optional<JsonElement> member(String key) {
        JsonElement e = header.get(key);
        return e == null ? Optional.empty() : Optional.of(e.deepCopy());
    }

    /** Returns the blob descriptors in header order (offsets as on the wire, or packed for frames built here). */
    public List<BlobInfo> blobInfos() {
        return infos;
    }

    /** Returns the descriptor of a blob, or empty. */
    public Optional<BlobInfo> blobInfo(String name) {
        int i = blobIndex(name);
        return i < 0 ? Optional.empty() : Optional.of(infos.get(i));
    }

    /** Returns a blob's bytes (the frame's own array, not a copy: do not modify), or empty. */
    public Optional<byte[]> blob(String name) {
        int i = blobIndex(name);
        return i < 0 ? Optional.empty() : Optional.of(data.get(i));
    }

    /**
     * Returns an rgba8 blob as a raster wrapping the blob's array (no copy), or empty if there is no such blob.
     *
     * @throws IllegalArgumentException if the blob exists but is not rgba8 (check {@link #blobInfo} first when
     *                                  png is also acceptable)
     */
    public Optional<Raster> raster(String name) {
        int i = blobIndex(name);
        if (i < 0) {
            return Optional.empty();
        }
        BlobInfo info = infos.get(i);
        if (info.format() != BlobFormat.RGBA8) {
            throw new IllegalArgumentException("blob \"" + name + "\" is " + info.format() + ", not rgba8");
        }
        return Optional.of(Raster.wrap(info.width(), info.height(), data.get(i)));
    }

    /** Returns the payload size: the end of the last blob. */
    public long payloadLength() {
        long end = 0;
        for (BlobInfo info : infos) {
            end = Math.max(end, info.end());
        }
        return end;
    }

    /**
     * Returns the code of an ERROR frame ({@link ErrorCode#INTERNAL} for numbers this side does not know).
     *
     * @throws IllegalStateException if this is not an ERROR frame
     */
    public ErrorCode errorCode() {
        requireError();
        OptionalInt code = integer("code");
        return code.isPresent() ? ErrorCode.fromWire(code.getAsInt()) : ErrorCode.INTERNAL;
    }

    /** Returns the message of an ERROR frame ("" when missing). */
    public String errorMessage() {
        requireError();
        return string("message").orElse("");
    }

    /** Returns an ERROR frame as an exception to throw to the user. */
    public AtelierException toException() {
        return new AtelierException(errorCode(), errorMessage());
    }

    private void requireError() {
        if (type != MessageType.ERROR) {
            throw new IllegalStateException("not an ERROR frame: " + type);
        }
    }

    private int blobIndex(String name) {
        for (int i = 0; i < infos.size(); i++) {
            if (infos.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Equal when type, header and blobs (name, format, size, bytes; in order) are equal; offsets are ignored. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Frame f) || f.type != type || !f.header.equals(header) || f.infos.size() != infos.size()) {
            return false;
        }
        for (int i = 0; i < infos.size(); i++) {
            BlobInfo a = infos.get(i);
            BlobInfo b = f.infos.get(i);
            if (!a.name().equals(b.name()) || a.format() != b.format() || a.width() != b.width()
                    || a.height() != b.height() || !Arrays.equals(data.get(i), f.data.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Uses only type, header keys and blob names: Gson hashes equal numbers (1 vs parsed "1") differently. */
    @Override
    public int hashCode() {
        int h = 31 * type.hashCode() + header.keySet().hashCode();
        for (BlobInfo info : infos) {
            h = 31 * h + info.name().hashCode();
        }
        return h;
    }

    /** Returns e.g. {@code SUBMIT {"id":1,"op":"upscale"} [image rgba8 2x1 8B]} (blob bytes are not printed). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.name()).append(' ').append(Wire.GSON.toJson(header));
        if (!infos.isEmpty()) {
            sb.append(" [");
            for (int i = 0; i < infos.size(); i++) {
                BlobInfo b = infos.get(i);
                sb.append(i == 0 ? "" : ", ").append(b.name()).append(' ').append(b.format());
                if (b.width() > 0) {
                    sb.append(' ').append(b.width()).append('x').append(b.height());
                }
                sb.append(' ').append(b.length()).append('B');
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
