package dev.atelier.core.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/**
 * One entry of the header's {@code "blobs"} array: where a named blob lies in the payload and how to read it.
 *
 * <pre>{"name":"image","offset":0,"length":8,"format":"rgba8","width":2,"height":1}</pre>
 *
 * @param name   unique, non-empty name within the frame
 * @param offset start of the blob, relative to the first payload byte
 * @param length byte count
 * @param format how to interpret the bytes
 * @param width  pixel width; required (&gt; 0) for raw formats, otherwise 0 when absent
 * @param height pixel height; required (&gt; 0) for raw formats, otherwise 0 when absent
 */
public record BlobInfo(String name, long offset, int length, BlobFormat format, int width, int height) {

    public BlobInfo {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("blob name must be non-empty");
        }
        if (format == null) {
            throw new IllegalArgumentException("blob \"" + name + "\" needs a format");
        }
        if (offset < 0 || offset > Wire.U32_MAX || length < 0) {
            throw new IllegalArgumentException("blob \"" + name + "\" has offset " + offset + ", length " + length);
        }
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("blob \"" + name + "\" has size " + width + "x" + height);
        }
        if (format.isRaw()) {
            if (width == 0 || height == 0) {
                throw new IllegalArgumentException(format + " blob \"" + name + "\" needs a positive width and height");
            }
            if (format.expectedLength(width, height) != length) {
                throw new IllegalArgumentException(lengthMismatch(name, format, width, height, length));
            }
        }
    }

    /** Returns the first payload byte after this blob. */
    public long end() {
        return offset + length;
    }

    /** Returns this descriptor as written in the header; width and height only when set. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("offset", offset);
        o.addProperty("length", length);
        o.addProperty("format", format.wireName());
        if (width > 0) {
            o.addProperty("width", width);
        }
        if (height > 0) {
            o.addProperty("height", height);
        }
        return o;
    }

    /**
     * Parses and validates the {@code index}-th descriptor against a payload of {@code payloadLength} bytes.
     * Overlaps and duplicate names are checked by the caller, which sees all descriptors.
     */
    public static BlobInfo parse(JsonElement element, int index, long payloadLength) throws ProtocolException {
        if (!element.isJsonObject()) {
            throw ProtocolException.badBlob("Blob #" + index + " is not a JSON object");
        }
        JsonObject o = element.getAsJsonObject();
        JsonElement nameElement = o.get("name");
        if (nameElement == null || !isString(nameElement) || nameElement.getAsString().isEmpty()) {
            throw ProtocolException.badBlob("Blob #" + index + " has no \"name\" (a non-empty string)");
        }
        String name = nameElement.getAsString();
        JsonElement formatElement = o.get("format");
        if (formatElement == null || !isString(formatElement)) {
            throw ProtocolException.badBlob("Blob \"" + name + "\" has no \"format\" (rgba8, gray8, png or bytes)");
        }
        BlobFormat format = BlobFormat.fromWireName(formatElement.getAsString()).orElseThrow(() ->
                ProtocolException.badBlob("Blob \"" + name + "\" has unknown format \"" + formatElement.getAsString()
                        + "\" (expected rgba8, gray8, png or bytes)"));
        long offset = integer(o, name, "offset", 0, Wire.U32_MAX, true);
        long length = integer(o, name, "length", 0, Wire.U32_MAX, true);
        int width = (int) integer(o, name, "width", 1, Integer.MAX_VALUE, format.isRaw());
        int height = (int) integer(o, name, "height", 1, Integer.MAX_VALUE, format.isRaw());
        if (offset + length > payloadLength) {
            throw ProtocolException.badBlob("Blob \"" + name + "\" (offset " + offset + ", length " + length
                    + ") lies outside the payload of " + payloadLength + " bytes");
        }
        if (length > Wire.MAX_ARRAY) {
            throw ProtocolException.badBlob("Blob \"" + name + "\" of " + length + " bytes is too large for one array");
        }
        if (format.isRaw() && format.expectedLength(width, height) != length) {
            throw ProtocolException.badBlob(lengthMismatch(name, format, width, height, length));
        }
        return new BlobInfo(name, offset, (int) length, format, width, height);
    }

    private static String lengthMismatch(String name, BlobFormat format, int width, int height, long length) {
        return "Blob \"" + name + "\": " + format + " " + width + "x" + height + " needs "
                + format.expectedLength(width, height) + " bytes, got " + length;
    }

    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    /** Reads an integer field in [min, max]; returns 0 when absent and not required. */
    private static long integer(JsonObject o, String blob, String key, long min, long max, boolean required)
            throws ProtocolException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw ProtocolException.badBlob("Blob \"" + blob + "\" has no \"" + key + "\"");
            }
            return 0;
        }
        Long value = exactLong(e);
        if (value == null || value < min || value > max) {
            throw ProtocolException.badBlob("Blob \"" + blob + "\": \"" + key + "\" must be an integer in "
                    + min + ".." + max + ", got " + e);
        }
        return value;
    }

    /** Returns the element as an exact long, or null if it is not an integral JSON number in long range. */
    static Long exactLong(JsonElement e) {
        if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) {
            return null;
        }
        BigDecimal d;
        try {
            d = e.getAsBigDecimal();
        } catch (NumberFormatException ex) {
            return null;
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException ex) {
            return null;
        }
    }
}
