"""The Atelier wire format, version 1: frame constants, message types, error codes, encoder and reader.

A frame is a 16-byte prefix (magic ``ATLR``, version, type, reserved flags, header length, payload length; all
big-endian, lengths unsigned 32-bit), a UTF-8 JSON header (always an object) and an optional binary payload
holding named blobs that the header's ``"blobs"`` array locates. ``docs/protocol.md`` is the authoritative
description; this module mirrors the Java codec ``dev.atelier.core.protocol`` byte for byte (the shared vectors in
``testdata/protocol-vectors.json`` check that) and reports malformed input with the same codes and messages.
"""

import enum
import json
import struct
from collections import OrderedDict

__all__ = [
    "MAGIC", "VERSION", "PREFIX", "U32_MAX", "MessageType", "ErrorCode", "Limits", "DEFAULT_LIMITS",
    "ProtocolError", "BLOB_FORMATS", "encode_json", "encode_frame", "encode_frame_parts", "decode_frame",
    "Frame", "FrameReader",
]

MAGIC = b"ATLR"
VERSION = 1
PREFIX = 16
U32_MAX = 0xFFFFFFFF
# The largest single array the Java side allocates; a blob longer than this is refused there, so here too.
MAX_ARRAY = 2 ** 31 - 1 - 8

_MAGIC_INT = 0x41544C52
_PREFIX_STRUCT = struct.Struct(">4sBBHII")
_HTTP_METHODS = (b"GET ", b"POST", b"PUT ", b"HEAD", b"DELE", b"OPTI", b"PATC", b"CONN", b"PRI ")
_SKIP_CHUNK = 8192
_READ_CHUNK = 1 << 20


class MessageType(enum.IntEnum):
    """The message type byte at offset 5 of every frame."""

    HELLO = 0x01
    WELCOME = 0x02
    LIST_PANELS = 0x03
    PANELS = 0x04
    SUBMIT = 0x05
    ACCEPTED = 0x06
    PROGRESS = 0x07
    RESULT = 0x08
    CANCEL = 0x09
    OK = 0x0A
    FETCH = 0x0B
    STATUS = 0x0C
    STATUS_REPLY = 0x0D
    RELEASE = 0x0E
    ECHO = 0x0F
    SHUTDOWN = 0x10
    ERROR = 0x7F


class ErrorCode(enum.IntEnum):
    """Numbered error codes shared with the daemon (``dev.atelier.core.error.ErrorCode``).

    1xx protocol (the connection is closed), 2xx request (fix it and retry), 3xx runtime, 500 internal.
    """

    BAD_MAGIC = 100
    UNSUPPORTED_VERSION = 101
    FRAME_TOO_LARGE = 102
    MALFORMED_HEADER = 103
    UNKNOWN_MESSAGE = 104
    TRUNCATED_FRAME = 105
    BAD_BLOB = 106
    UNEXPECTED_MESSAGE = 107

    INVALID_PARAMETERS = 200
    UNKNOWN_OPERATION = 201
    OPERATION_UNAVAILABLE = 202
    IMAGE_DECODE_FAILED = 203
    IMAGE_TOO_LARGE = 204
    UNKNOWN_JOB = 205
    MASK_REQUIRED = 206
    BAD_REQUEST = 207

    ENGINE_FAILURE = 300
    OUT_OF_MEMORY = 301
    BUSY = 302
    CANCELLED = 303
    TIMEOUT = 304
    SHUTTING_DOWN = 305
    DAEMON_UNAVAILABLE = 306

    INTERNAL = 500

    @classmethod
    def from_wire(cls, number):
        """Returns the code for a wire number; unknown numbers (from a newer peer) map to INTERNAL."""
        try:
            return cls(int(number))
        except (ValueError, TypeError):
            return cls.INTERNAL

    def closes_connection(self):
        """True for 1xx codes, after which the sender closes the connection."""
        return 100 <= self.value < 200

    def is_request_error(self):
        """True for 2xx codes: the request itself was wrong."""
        return 200 <= self.value < 300


class Limits(object):
    """Size limits for one frame, checked from the prefix before anything is allocated."""

    __slots__ = ("max_header_bytes", "max_payload_bytes")

    DEFAULT_MAX_HEADER_BYTES = 1 << 20
    DEFAULT_MAX_PAYLOAD_BYTES = (1 << 30) + (1 << 20)

    def __init__(self, max_header_bytes=DEFAULT_MAX_HEADER_BYTES, max_payload_bytes=DEFAULT_MAX_PAYLOAD_BYTES):
        if not 1 <= max_header_bytes <= MAX_ARRAY:
            raise ValueError("max_header_bytes must be 1..%d, got %d" % (MAX_ARRAY, max_header_bytes))
        if not 0 <= max_payload_bytes <= U32_MAX:
            raise ValueError("max_payload_bytes must be 0..%d, got %d" % (U32_MAX, max_payload_bytes))
        self.max_header_bytes = int(max_header_bytes)
        self.max_payload_bytes = int(max_payload_bytes)

    def __repr__(self):
        return "Limits(%d, %d)" % (self.max_header_bytes, self.max_payload_bytes)

    def __eq__(self, other):
        return (isinstance(other, Limits) and other.max_header_bytes == self.max_header_bytes
                and other.max_payload_bytes == self.max_payload_bytes)

    def __hash__(self):
        return hash((self.max_header_bytes, self.max_payload_bytes))


DEFAULT_LIMITS = Limits()


class ProtocolError(Exception):
    """The bytes are not a valid Atelier frame. ``code`` is the 1xx number, ``name`` its ErrorCode name.

    After this error the stream position is unknown: close the connection.
    """

    def __init__(self, code, message):
        super(ProtocolError, self).__init__(message)
        self.error_code = ErrorCode.from_wire(code)
        self.code = int(code)
        self.name = self.error_code.name
        self.message = message


def _truncated(part, needed, got):
    return ProtocolError(ErrorCode.TRUNCATED_FRAME, "Truncated frame: %s needs %d bytes, got %d" % (part, needed, got))


def _bad_blob(message):
    return ProtocolError(ErrorCode.BAD_BLOB, message)


def _malformed(message):
    return ProtocolError(ErrorCode.MALFORMED_HEADER, message)


# Blob formats: wire name -> bytes per pixel (0 = not raw, width and height optional).
BLOB_FORMATS = OrderedDict([("rgba8", 4), ("gray8", 1), ("png", 0), ("bytes", 0)])


# ---------------------------------------------------------------------------------------------------------------
# JSON exactly as the Java writer (Gson, HTML escaping off) produces it.

def _java_double(value):
    """Formats a float as Java's Double.toString does (shortest digits; 'E' notation outside 1e-3..1e7)."""
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("JSON cannot carry %r" % value)
    if value == 0.0:
        return "-0.0" if str(value).startswith("-") else "0.0"
    sign = "-" if value < 0 else ""
    a = abs(value)
    digits, exponent = _shortest_digits(a)  # a = 0.d1d2d3... * 10**exponent
    if 1e-3 <= a < 1e7:
        if exponent <= 0:
            return sign + "0." + "0" * (-exponent) + digits
        if exponent >= len(digits):
            return sign + digits + "0" * (exponent - len(digits)) + ".0"
        return sign + digits[:exponent] + "." + digits[exponent:]
    mantissa = digits[0] + "." + (digits[1:] or "0")
    return sign + mantissa + "E" + str(exponent - 1)


def _shortest_digits(a):
    text = repr(a)  # shortest round-trip representation
    if "e" in text or "E" in text:
        m, e = text.lower().split("e")
        e = int(e)
    else:
        m, e = text, 0
    if "." in m:
        whole, frac = m.split(".")
    else:
        whole, frac = m, ""
    digits = (whole + frac).lstrip("0")
    leading_zeros = len(whole + frac) - len((whole + frac).lstrip("0"))
    exponent = e + len(whole) - leading_zeros
    digits = digits.rstrip("0") or "0"
    return digits, exponent


def _encode_string(s):
    # json.dumps escapes '"', '\\' and control characters like Gson; Gson also escapes U+2028 and U+2029.
    return json.dumps(s, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _encode_value(value, out):
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_encode_string(value))
    elif isinstance(value, int):
        out.append(str(int(value)))
    elif isinstance(value, float):
        out.append(_java_double(value))
    elif isinstance(value, dict):
        out.append("{")
        first = True
        for key, item in value.items():
            if item is None:
                continue  # Gson drops null members (serializeNulls is off)
            if not isinstance(key, str):
                raise TypeError("JSON object keys must be strings, got %r" % (key,))
            if not first:
                out.append(",")
            first = False
            out.append(_encode_string(key))
            out.append(":")
            _encode_value(item, out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _encode_value(item, out)
        out.append("]")
    else:
        # Decimal and other number types: their own text.
        try:
            import numbers
            if isinstance(value, numbers.Number):
                out.append(str(value))
                return
        except ImportError:  # pragma: no cover
            pass
        raise TypeError("cannot encode %r as JSON" % (value,))


def encode_json(value):
    """Returns compact JSON text with keys in insertion order, no HTML escaping: the Java writer's bytes."""
    out = []
    _encode_value(value, out)
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Encoding

def _blob_descriptor(name, offset, length, fmt, width, height):
    d = OrderedDict()
    d["name"] = name
    d["offset"] = offset
    d["length"] = length
    d["format"] = fmt
    if width:
        d["width"] = width
    if height:
        d["height"] = height
    return d


def _check_blob(name, fmt, width, height, data):
    if not isinstance(name, str) or not name:
        raise ValueError("blob name must be non-empty")
    if fmt not in BLOB_FORMATS:
        raise ValueError("blob \"%s\" has unknown format %r (expected rgba8, gray8, png or bytes)" % (name, fmt))
    width = int(width or 0)
    height = int(height or 0)
    if width < 0 or height < 0:
        raise ValueError("blob \"%s\" has size %dx%d" % (name, width, height))
    bpp = BLOB_FORMATS[fmt]
    if bpp:
        if width == 0 or height == 0:
            raise ValueError("%s blob \"%s\" needs a positive width and height" % (fmt, name))
        if bpp * width * height != len(data):
            raise ValueError("Blob \"%s\": %s %dx%d needs %d bytes, got %d"
                             % (name, fmt, width, height, bpp * width * height, len(data)))
    return width, height


def encode_frame_parts(msg_type, header=None, blobs=(), limits=DEFAULT_LIMITS):
    """Returns the frame as a list of bytes-like parts (prefix+header, then each blob as given, uncopied).

    ``blobs`` is a sequence of ``(name, format, width, height, data)``; width/height may be 0 or None for png
    and bytes. Raises ValueError when the header or payload exceeds ``limits`` or a blob is invalid.
    """
    msg_type = MessageType(msg_type)
    header = OrderedDict() if header is None else header
    if not isinstance(header, dict):
        raise TypeError("header must be a dict")
    if "blobs" in header:
        raise ValueError("header key \"blobs\" is reserved; pass blobs separately")
    descriptors = []
    datas = []
    names = set()
    payload = 0
    for blob in blobs:
        name, fmt, width, height, data = blob
        width, height = _check_blob(name, fmt, width, height, data)
        if name in names:
            raise ValueError("duplicate blob name \"%s\"" % name)
        names.add(name)
        length = len(data) if not isinstance(data, memoryview) else data.nbytes
        descriptors.append(_blob_descriptor(name, payload, length, fmt, width, height))
        datas.append(data)
        payload += length
    if descriptors:
        full = OrderedDict(header)
        full["blobs"] = descriptors
    else:
        full = header
    json_bytes = encode_json(full).encode("utf-8")
    if len(json_bytes) > limits.max_header_bytes:
        raise ValueError("Header of %d bytes exceeds the limit of %d (%s)"
                         % (len(json_bytes), limits.max_header_bytes, msg_type.name))
    if payload > limits.max_payload_bytes:
        raise ValueError("Payload of %d bytes exceeds the limit of %d (%s)"
                         % (payload, limits.max_payload_bytes, msg_type.name))
    head = _PREFIX_STRUCT.pack(MAGIC, VERSION, int(msg_type), 0, len(json_bytes), payload) + json_bytes
    return [head] + [d for d in datas if len(d)]


def encode_frame(msg_type, header=None, blobs=(), limits=DEFAULT_LIMITS):
    """Returns one complete frame as bytes, identical to what the Java FrameWriter writes for the same input."""
    return b"".join(bytes(p) if isinstance(p, memoryview) else p for p in
                    encode_frame_parts(msg_type, header, blobs, limits))


# ---------------------------------------------------------------------------------------------------------------
# Frames

class Frame(object):
    """One decoded message.

    ``type`` is a MessageType, ``header`` the JSON header as a dict WITHOUT the reserved ``"blobs"`` key, and
    ``blobs`` an ordered dict ``name -> (info, data)`` in header order, where ``info`` is the descriptor dict as
    on the wire and ``data`` a bytearray owned by the frame's receiver.
    """

    __slots__ = ("type", "header", "blobs")

    def __init__(self, msg_type, header, blobs=None):
        self.type = MessageType(msg_type)
        self.header = header
        self.blobs = blobs if blobs is not None else OrderedDict()

    def blob(self, name):
        """Returns a blob's bytes, or None."""
        entry = self.blobs.get(name)
        return None if entry is None else entry[1]

    def blob_info(self, name):
        """Returns a blob's descriptor dict, or None."""
        entry = self.blobs.get(name)
        return None if entry is None else entry[0]

    def raster(self, name):
        """Returns an rgba8 blob as ``(width, height, bytes)``, or None when absent.

        Raises ValueError when the blob exists but is not rgba8 (check blob_info first if png is acceptable).
        """
        entry = self.blobs.get(name)
        if entry is None:
            return None
        info, data = entry
        if info.get("format") != "rgba8":
            raise ValueError("blob \"%s\" is %s, not rgba8" % (name, info.get("format")))
        return info["width"], info["height"], data

    def get_id(self):
        """Returns the header's ``id`` as an int, or None."""
        v = self.header.get("id")
        return None if v is None else int(v)

    def to_blob_tuples(self):
        """Returns the blobs as ``(name, format, width, height, data)`` tuples, ready for encode_frame."""
        return [(n, i["format"], i.get("width", 0), i.get("height", 0), d) for n, (i, d) in self.blobs.items()]

    def __eq__(self, other):
        if not isinstance(other, Frame) or other.type != self.type or other.header != self.header:
            return False
        if list(other.blobs) != list(self.blobs):
            return False
        for name, (info, data) in self.blobs.items():
            oinfo, odata = other.blobs[name]
            for key in ("format", "width", "height"):
                if info.get(key) != oinfo.get(key):
                    return False
            if bytes(data) != bytes(odata):
                return False
        return True

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = None

    def __repr__(self):
        text = "%s %s" % (self.type.name, encode_json(self.header))
        if self.blobs:
            parts = []
            for name, (info, data) in self.blobs.items():
                p = "%s %s" % (name, info.get("format"))
                if info.get("width"):
                    p += " %dx%d" % (info.get("width"), info.get("height", 0))
                parts.append(p + " %dB" % len(data))
            text += " [" + ", ".join(parts) + "]"
        return text


# ---------------------------------------------------------------------------------------------------------------
# Reading

def _exact_int(value):
    """Returns value as an int if it is an integral JSON number, else None (booleans are not numbers)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or not value.is_integer():
            return None
        return int(value)
    return None


def _reject_constant(name):
    raise ValueError("%s is not allowed in strict JSON" % name)


_JSON_WS = " \t\n\r"
_VALUE_STARTS = "[\"-0123456789"


def _parse_header(raw):
    try:
        text = bytes(raw).decode("utf-8", "strict")
    except UnicodeDecodeError:
        raise _malformed("Header is not valid UTF-8 JSON: malformed UTF-8 bytes")
    stripped = text.lstrip(_JSON_WS)
    if not stripped.startswith("{"):
        if stripped[:1] and (stripped[0] in _VALUE_STARTS or stripped.startswith(("true", "false", "null"))):
            raise _malformed("Header is not a JSON object")
        if not stripped:
            raise _malformed("Header is not a JSON object")
        raise _malformed("Header is not valid UTF-8 JSON: malformed JSON at the start of the header")
    try:
        decoder = json.JSONDecoder(object_pairs_hook=OrderedDict, parse_constant=_reject_constant, strict=True)
        header, end = decoder.raw_decode(text, len(text) - len(stripped))
    except ValueError as e:
        raise _malformed("Header is not valid UTF-8 JSON: %s" % str(e).splitlines()[0])
    if text[end:].strip(_JSON_WS):
        raise _malformed("Header is not valid UTF-8 JSON: data after the object")
    if "id" in header:
        v = _exact_int(header["id"])
        if v is None or not -2 ** 31 <= v <= 2 ** 31 - 1:
            raise _malformed("Header field \"id\" must be an integer, got %s" % encode_json(header["id"]))
        header["id"] = v
    if "job" in header and not isinstance(header["job"], str):
        raise _malformed("Header field \"job\" must be a string, got %s" % encode_json(header["job"]))
    return header


def _blob_int(o, blob, key, lo, hi, required):
    value = o.get(key)
    if value is None:
        if required:
            raise _bad_blob("Blob \"%s\" has no \"%s\"" % (blob, key))
        return 0
    v = _exact_int(value)
    if v is None or v < lo or v > hi:
        raise _bad_blob("Blob \"%s\": \"%s\" must be an integer in %d..%d, got %s"
                        % (blob, key, lo, hi, encode_json(value)))
    return v


def _parse_blob(o, index, payload_length):
    if not isinstance(o, dict):
        raise _bad_blob("Blob #%d is not a JSON object" % index)
    name = o.get("name")
    if not isinstance(name, str) or not name:
        raise _bad_blob("Blob #%d has no \"name\" (a non-empty string)" % index)
    fmt = o.get("format")
    if not isinstance(fmt, str):
        raise _bad_blob("Blob \"%s\" has no \"format\" (rgba8, gray8, png or bytes)" % name)
    if fmt not in BLOB_FORMATS:
        raise _bad_blob("Blob \"%s\" has unknown format \"%s\" (expected rgba8, gray8, png or bytes)" % (name, fmt))
    bpp = BLOB_FORMATS[fmt]
    offset = _blob_int(o, name, "offset", 0, U32_MAX, True)
    length = _blob_int(o, name, "length", 0, U32_MAX, True)
    width = _blob_int(o, name, "width", 1, 2 ** 31 - 1, bpp > 0)
    height = _blob_int(o, name, "height", 1, 2 ** 31 - 1, bpp > 0)
    if offset + length > payload_length:
        raise _bad_blob("Blob \"%s\" (offset %d, length %d) lies outside the payload of %d bytes"
                        % (name, offset, length, payload_length))
    if length > MAX_ARRAY:
        raise _bad_blob("Blob \"%s\" of %d bytes is too large for one array" % (name, length))
    if bpp and bpp * width * height != length:
        raise _bad_blob("Blob \"%s\": %s %dx%d needs %d bytes, got %d"
                        % (name, fmt, width, height, bpp * width * height, length))
    return _blob_descriptor(name, offset, length, fmt, width, height)


def _parse_blobs(blobs, payload_length):
    if blobs is None:
        return []
    if not isinstance(blobs, list):
        raise _bad_blob("Header field \"blobs\" must be an array of blob descriptors")
    infos = []
    names = set()
    for i, element in enumerate(blobs):
        info = _parse_blob(element, i, payload_length)
        if info["name"] in names:
            raise _bad_blob("Duplicate blob name \"%s\"" % info["name"])
        names.add(info["name"])
        infos.append(info)
    furthest = None
    for b in sorted(infos, key=lambda x: x["offset"]):
        if b["length"] == 0:
            continue
        end = b["offset"] + b["length"]
        if furthest is not None and b["offset"] < furthest["offset"] + furthest["length"]:
            raise _bad_blob("Blobs \"%s\" and \"%s\" overlap" % (furthest["name"], b["name"]))
        if furthest is None or end > furthest["offset"] + furthest["length"]:
            furthest = b
    return infos


class FrameReader(object):
    """Reads frames from a byte source, validating each completely before returning it.

    ``source`` is either a callable ``read(n) -> bytes`` (returning fewer bytes is fine, ``b""`` means end of
    stream), or an object with ``recv_into`` (a socket) or ``readinto`` (a binary file), which is used to read
    blobs straight into their buffers. Lengths are checked against ``limits`` before anything is allocated; blob
    descriptors are validated before any payload byte is read. Not thread-safe.
    """

    def __init__(self, source, limits=DEFAULT_LIMITS):
        self._limits = limits
        self._failed = False
        self._into = None
        self._read = None
        if hasattr(source, "recv_into"):
            self._into = source.recv_into
        elif hasattr(source, "readinto"):
            self._into = source.readinto
        elif callable(source):
            self._read = source
        elif hasattr(source, "read"):
            self._read = source.read
        else:
            raise TypeError("source must be a read(n) callable or have recv_into/readinto/read")

    def read(self):
        """Returns the next Frame, or None at a clean end of stream (no byte of a next frame was read).

        Raises ProtocolError for malformed, oversized or truncated frames; after that the reader refuses to read
        again (RuntimeError) and the connection should be closed. OSError from the source passes through.
        """
        if self._failed:
            raise RuntimeError("FrameReader already failed; close the connection")
        self._failed = True
        frame = self._read_frame()
        self._failed = False
        return frame

    def __iter__(self):
        while True:
            frame = self.read()
            if frame is None:
                return
            yield frame

    # -- internals

    def _fill(self, buf, start, end):
        """Reads into buf[start:end] until full or end of stream; returns the count read."""
        total = 0
        want = end - start
        if self._into is not None:
            view = memoryview(buf)
            while total < want:
                n = self._into(view[start + total:end])
                if not n:
                    break
                total += n
            return total
        while total < want:
            chunk = self._read(min(want - total, _READ_CHUNK))
            if not chunk:
                break
            n = len(chunk)
            if n > want - total:
                raise RuntimeError("read(n) returned more than n bytes")
            buf[start + total:start + total + n] = chunk
            total += n
        return total

    def _read_frame(self):
        prefix = bytearray(PREFIX)
        got = self._fill(prefix, 0, 4)
        if got == 0:
            return None
        if got < 4:
            raise self._truncated_prefix(got)
        if bytes(prefix[:4]) != MAGIC:
            raise self._bad_magic(bytes(prefix[:4]))
        got = self._fill(prefix, 4, PREFIX)
        if got < PREFIX - 4:
            raise self._truncated_prefix(4 + got)
        _, version, type_code, flags, header_length, payload_length = _PREFIX_STRUCT.unpack(bytes(prefix))
        if version != VERSION:
            raise ProtocolError(ErrorCode.UNSUPPORTED_VERSION,
                                "Unsupported protocol version %d (this side speaks %d)" % (version, VERSION))
        try:
            msg_type = MessageType(type_code)
        except ValueError:
            raise ProtocolError(ErrorCode.UNKNOWN_MESSAGE, "Unknown message type 0x%02X" % type_code)
        if flags:
            raise _malformed("Reserved flags set: 0x%04X" % flags)
        if header_length > self._limits.max_header_bytes:
            raise ProtocolError(ErrorCode.FRAME_TOO_LARGE, "Header of %d bytes exceeds the limit of %d"
                                % (header_length, self._limits.max_header_bytes))
        if payload_length > self._limits.max_payload_bytes:
            raise ProtocolError(ErrorCode.FRAME_TOO_LARGE, "Payload of %d bytes exceeds the limit of %d"
                                % (payload_length, self._limits.max_payload_bytes))

        raw = bytearray(header_length)
        got = self._fill(raw, 0, header_length)
        if got < header_length:
            raise _truncated("header", header_length, got)
        header = _parse_header(raw)
        infos = _parse_blobs(header.pop("blobs", None), payload_length)
        datas = self._read_payload(infos, payload_length)
        blobs = OrderedDict()
        for info, data in zip(infos, datas):
            blobs[info["name"]] = (info, data)
        return Frame(msg_type, header, blobs)

    def _read_payload(self, infos, payload_length):
        datas = [None] * len(infos)
        order = sorted(range(len(infos)), key=lambda i: infos[i]["offset"])
        position = 0
        for i in order:
            info = infos[i]
            position = self._skip(position, info["offset"], payload_length)
            data = bytearray(info["length"])
            got = self._fill(data, 0, len(data))
            if got < len(data):
                raise _truncated("payload", payload_length, position + got)
            position += got
            datas[i] = data
        self._skip(position, payload_length, payload_length)
        return datas

    def _skip(self, position, target, payload_length):
        if position >= target:
            return position
        scratch = bytearray(min(_SKIP_CHUNK, target - position))
        while position < target:
            want = min(len(scratch), target - position)
            got = self._fill(scratch, 0, want)
            position += got
            if got < want:
                raise _truncated("payload", payload_length, position)
        return position

    @staticmethod
    def _truncated_prefix(got):
        return ProtocolError(ErrorCode.TRUNCATED_FRAME,
                             "Truncated frame: expected %d prefix bytes, got %d" % (PREFIX, got))

    @staticmethod
    def _bad_magic(first):
        magic = struct.unpack(">I", first)[0]
        message = "Bad magic 0x%08X (expected 0x%08X \"ATLR\")" % (magic, _MAGIC_INT)
        if first in _HTTP_METHODS:
            message += " \u2014 this socket speaks the Atelier protocol, not HTTP"
        return ProtocolError(ErrorCode.BAD_MAGIC, message)


def decode_frame(data, limits=DEFAULT_LIMITS):
    """Decodes exactly one frame from bytes; an empty input is a truncated prefix, trailing bytes an error."""
    view = memoryview(bytes(data))
    pos = [0]

    def read(n):
        chunk = view[pos[0]:pos[0] + n]
        pos[0] += len(chunk)
        return chunk.tobytes()

    frame = FrameReader(read, limits).read()
    if frame is None:
        raise ProtocolError(ErrorCode.TRUNCATED_FRAME, "Truncated frame: expected %d prefix bytes, got 0" % PREFIX)
    rest = len(view) - pos[0]
    if rest > 0:
        raise _malformed("%d bytes follow the frame" % rest)
    return frame
