package dev.atelier.core.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.atelier.core.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads frames from an input stream, validating each one completely before returning it.
 *
 * <p>Order of work for one frame: read the 16-byte prefix and check magic, version, type, flags, then both lengths
 * against the {@link Limits} (before anything is allocated); read and parse the JSON header; validate every blob
 * descriptor against the declared payload length; then read each blob straight into its own array, skipping gap
 * bytes. The stream may deliver any number of bytes per read.
 *
 * <p>{@link #read()} returns {@link Optional#empty()} when the stream ends cleanly on a frame boundary, and throws
 * {@link ProtocolException} for anything else. After an exception the stream position is unknown; the reader
 * refuses further reads (IllegalStateException) and the connection should be closed. Not thread-safe.
 */
public final class FrameReader {

    private static final int SKIP_CHUNK = 8192;

    private final InputStream in;
    private final Limits limits;
    private final byte[] prefix = new byte[Wire.PREFIX_BYTES];
    private boolean failed;

    public FrameReader(InputStream in, Limits limits) {
        this.in = Objects.requireNonNull(in, "in");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public FrameReader(InputStream in) {
        this(in, Limits.DEFAULT);
    }

    /**
     * Returns the next frame, or empty at a clean end of stream (no byte of a next frame was read).
     *
     * @throws ProtocolException for malformed, oversized or truncated frames
     * @throws IOException       if the stream itself fails
     */
    public Optional<Frame> read() throws IOException {
        if (failed) {
            throw new IllegalStateException("FrameReader already failed; close the connection");
        }
        failed = true;
        Optional<Frame> frame = readFrame();
        failed = false;
        return frame;
    }

    /** Decodes exactly one frame from {@code bytes}; trailing bytes after it are an error (MALFORMED_HEADER). */
    public static Frame decode(byte[] bytes, Limits limits) throws ProtocolException {
        java.io.ByteArrayInputStream stream = new java.io.ByteArrayInputStream(bytes);
        try {
            Frame frame = new FrameReader(stream, limits).read().orElseThrow(() ->
                    new ProtocolException(ErrorCode.TRUNCATED_FRAME,
                            "Truncated frame: expected " + Wire.PREFIX_BYTES + " prefix bytes, got 0"));
            if (stream.available() > 0) {
                throw new ProtocolException(ErrorCode.MALFORMED_HEADER,
                        stream.available() + " bytes follow the frame");
            }
            return frame;
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("in-memory stream failed", e);
        }
    }

    private Optional<Frame> readFrame() throws IOException {
        int got = readFully(prefix, 0, 4);
        if (got == 0) {
            return Optional.empty();
        }
        if (got < 4) {
            throw truncatedPrefix(got);
        }
        int magic = intAt(0);
        if (magic != Wire.MAGIC) {
            throw badMagic(magic);
        }
        got = readFully(prefix, 4, Wire.PREFIX_BYTES - 4);
        if (got < Wire.PREFIX_BYTES - 4) {
            throw truncatedPrefix(4 + got);
        }
        int version = prefix[4] & 0xff;
        if (version != Wire.VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "Unsupported protocol version " + version + " (this side speaks " + Wire.VERSION + ")");
        }
        int typeCode = prefix[5] & 0xff;
        MessageType type = MessageType.fromCode(typeCode).orElseThrow(() -> new ProtocolException(
                ErrorCode.UNKNOWN_MESSAGE, String.format(Locale.ROOT, "Unknown message type 0x%02X", typeCode)));
        int flags = (prefix[6] & 0xff) << 8 | (prefix[7] & 0xff);
        if (flags != 0) {
            throw new ProtocolException(ErrorCode.MALFORMED_HEADER,
                    String.format(Locale.ROOT, "Reserved flags set: 0x%04X", flags));
        }
        long headerLength = intAt(8) & Wire.U32_MAX;
        long payloadLength = intAt(12) & Wire.U32_MAX;
        if (headerLength > limits.maxHeaderBytes()) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "Header of " + headerLength + " bytes exceeds the limit of " + limits.maxHeaderBytes());
        }
        if (payloadLength > limits.maxPayloadBytes()) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "Payload of " + payloadLength + " bytes exceeds the limit of " + limits.maxPayloadBytes());
        }

        byte[] json = new byte[(int) headerLength];
        got = readFully(json, 0, json.length);
        if (got < json.length) {
            throw ProtocolException.truncated("header", headerLength, got);
        }
        JsonObject header = parseHeader(json);
        List<BlobInfo> infos = parseBlobs(header.remove(Wire.BLOBS), payloadLength);
        List<byte[]> data = readPayload(infos, payloadLength);
        return Optional.of(Frame.decoded(type, header, infos, data));
    }

    private static JsonObject parseHeader(byte[] json) throws ProtocolException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ProtocolException.malformedHeader("Header is not valid UTF-8 JSON: malformed UTF-8 bytes");
        }
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw ProtocolException.malformedHeader("Header is not a JSON object");
            }
            root = Wire.GSON.getAdapter(JsonElement.class).read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw ProtocolException.malformedHeader("Header is not valid UTF-8 JSON: data after the object");
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (json.length == 0) {
                throw ProtocolException.malformedHeader("Header is not a JSON object");
            }
            throw ProtocolException.malformedHeader("Header is not valid UTF-8 JSON: " + firstLine(e.getMessage()));
        }
        JsonObject header = root.getAsJsonObject();
        JsonElement id = header.get("id");
        if (id != null) {
            Long v = BlobInfo.exactLong(id);
            if (v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw ProtocolException.malformedHeader("Header field \"id\" must be an integer, got " + id);
            }
        }
        JsonElement job = header.get("job");
        if (job != null && !(job.isJsonPrimitive() && job.getAsJsonPrimitive().isString())) {
            throw ProtocolException.malformedHeader("Header field \"job\" must be a string, got " + job);
        }
        return header;
    }

    private static List<BlobInfo> parseBlobs(JsonElement blobs, long payloadLength) throws ProtocolException {
        if (blobs == null) {
            return List.of();
        }
        if (!blobs.isJsonArray()) {
            throw ProtocolException.badBlob("Header field \"blobs\" must be an array of blob descriptors");
        }
        JsonArray array = blobs.getAsJsonArray();
        List<BlobInfo> infos = new ArrayList<>(array.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            BlobInfo info = BlobInfo.parse(array.get(i), i, payloadLength);
            if (!names.add(info.name())) {
                throw ProtocolException.badBlob("Duplicate blob name \"" + info.name() + "\"");
            }
            infos.add(info);
        }
        List<BlobInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparingLong(BlobInfo::offset));
        BlobInfo furthest = null;
        for (BlobInfo b : sorted) {
            if (b.length() == 0) {
                continue;
            }
            if (furthest != null && b.offset() < furthest.end()) {
                throw ProtocolException.badBlob("Blobs \"" + furthest.name() + "\" and \"" + b.name() + "\" overlap");
            }
            if (furthest == null || b.end() > furthest.end()) {
                furthest = b;
            }
        }
        return infos;
    }

    /** Reads each blob into its own array in payload order; returns them in header order. */
    private List<byte[]> readPayload(List<BlobInfo> infos, long payloadLength) throws IOException {
        byte[][] data = new byte[infos.size()][];
        Integer[] order = new Integer[infos.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingLong(i -> infos.get(i).offset()));
        long position = 0;
        for (int i : order) {
            BlobInfo info = infos.get(i);
            position = skip(position, info.offset(), payloadLength);
            byte[] bytes = new byte[info.length()];
            int got = readFully(bytes, 0, bytes.length);
            if (got < bytes.length) {
                throw ProtocolException.truncated("payload", payloadLength, position + got);
            }
            position += got;
            data[i] = bytes;
        }
        skip(position, payloadLength, payloadLength);
        return java.util.Arrays.asList(data);
    }

    private long skip(long position, long target, long payloadLength) throws IOException {
        if (position >= target) {
            return position;
        }
        byte[] scratch = new byte[(int) Math.min(SKIP_CHUNK, target - position)];
        while (position < target) {
            int want = (int) Math.min(scratch.length, target - position);
            int got = readFully(scratch, 0, want);
            position += got;
            if (got < want) {
                throw ProtocolException.truncated("payload", payloadLength, position);
            }
        }
        return position;
    }

    /** Reads until {@code len} bytes or end of stream; returns the count read. */
    private int readFully(byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private int intAt(int at) {
        return (prefix[at] & 0xff) << 24 | (prefix[at + 1] & 0xff) << 16 | (prefix[at + 2] & 0xff) << 8
                | (prefix[at + 3] & 0xff);
    }

    private static ProtocolException truncatedPrefix(int got) {
        return new ProtocolException(ErrorCode.TRUNCATED_FRAME,
                "Truncated frame: expected " + Wire.PREFIX_BYTES + " prefix bytes, got " + got);
    }

    private ProtocolException badMagic(int magic) {
        String message = String.format(Locale.ROOT, "Bad magic 0x%08X (expected 0x%08X \"ATLR\")", magic, Wire.MAGIC);
        String first = new String(prefix, 0, 4, StandardCharsets.ISO_8859_1);
        for (String method : new String[] {"GET ", "POST", "PUT ", "HEAD", "DELE", "OPTI", "PATC", "CONN", "PRI "}) {
            if (first.equals(method)) {
                message += " \u2014 this socket speaks the Atelier protocol, not HTTP";
                break;
            }
        }
        return new ProtocolException(ErrorCode.BAD_MAGIC, message);
    }

    /** Gson's message, first line only, without its advice to the Java developer about lenient parsing. */
    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable JSON";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
    }
}
