#!/usr/bin/env python3
"""Writes protocol-vectors.json: shared test vectors for the Atelier wire protocol (see docs/protocol.md).

An independent encoder, written from the spec, so the Java codec is checked against a second implementation.
Error messages are the exact ones the Java reader produces; other implementations may compare codes only.
Run from this folder: python3 make_protocol_vectors.py
"""
import json
import struct

TYPES = {"HELLO": 0x01, "WELCOME": 0x02, "LIST_PANELS": 0x03, "PANELS": 0x04, "SUBMIT": 0x05, "ACCEPTED": 0x06,
         "PROGRESS": 0x07, "RESULT": 0x08, "CANCEL": 0x09, "OK": 0x0A, "FETCH": 0x0B, "STATUS": 0x0C,
         "STATUS_REPLY": 0x0D, "RELEASE": 0x0E, "ECHO": 0x0F, "SHUTDOWN": 0x10, "ERROR": 0x7F}


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def frame(type_code, header_bytes, payload=b"", version=1, flags=0, magic=b"ATLR", declared_payload=None):
    p = len(payload) if declared_payload is None else declared_payload
    return magic + struct.pack(">BBHII", version, type_code, flags, len(header_bytes), p) + header_bytes + payload


def valid(name, type_name, header, blobs=()):
    """blobs: (name, format, width or None, height or None, bytes), packed in order."""
    header = dict(header)
    payload = b""
    if blobs:
        descriptors = []
        for blob_name, fmt, w, h, data in blobs:
            d = {"name": blob_name, "offset": len(payload), "length": len(data), "format": fmt}
            if w:
                d["width"] = w
            if h:
                d["height"] = h
            descriptors.append(d)
            payload += data
        header["blobs"] = descriptors
    raw = frame(TYPES[type_name], dumps(header), payload)
    return {"name": name, "hex": raw.hex(),
            "expect": {"type": type_name, "header": header, "blobs": {b[0]: b[4].hex() for b in blobs}}}


def invalid(name, raw, code, code_name, message):
    return {"name": name, "hex": raw.hex(), "error": {"code": code, "name": code_name, "message": message}}


image = bytes([255, 0, 0, 255, 0, 0, 255, 128])  # 2x1: opaque red, half-transparent blue
mask = bytes([0, 255])
preview = bytes([10, 20, 30, 255])
hello = frame(0x01, dumps({"id": 1, "client": "krita", "protocol": 1}))

cases = [
    valid("hello", "HELLO", {"id": 1, "client": "krita", "protocol": 1}),
    valid("welcome", "WELCOME", {"id": 1, "daemon": "atelier", "version": "0.1.0", "protocol": 1, "pid": 4242}),
    valid("list-panels-empty-header", "LIST_PANELS", {}),
    valid("submit-image-and-mask", "SUBMIT",
          {"id": 2, "op": "retouch", "params": {"prompt": "a red fox", "strength": 0.75}, "priority": 0,
           "watch": True},
          [("image", "rgba8", 2, 1, image), ("mask", "gray8", 2, 1, mask)]),
    valid("accepted", "ACCEPTED", {"id": 2, "job": "j-1"}),
    valid("progress-with-preview", "PROGRESS", {"job": "j-1", "fraction": 0.5, "message": "denoising"},
          [("preview", "rgba8", 1, 1, preview)]),
    valid("result", "RESULT",
          {"job": "j-1", "x": 0, "y": 0, "canvasWidth": 2, "canvasHeight": 1, "notices": ["upscaled \u00d72"]},
          [("image", "rgba8", 2, 1, image)]),
    valid("result-batch", "RESULT",
          {"job": "j-2", "x": -1, "y": 0, "canvasWidth": 3, "canvasHeight": 1, "notices": [],
           "meta": {"seed": "42"}, "images": 2},
          [("image", "rgba8", 2, 1, image), ("image.1", "rgba8", 2, 1, image[4:] + image[:4])]),
    valid("error", "ERROR", {"id": 3, "code": 200, "name": "INVALID_PARAMETERS",
                             "message": "scale must be <= 4 & >= 1"}),
    valid("echo-with-payload", "ECHO", {"id": 4}, [("payload", "bytes", None, None, b"ping\x00\xff")]),
    valid("submit-png", "SUBMIT", {"id": 5, "op": "remove-background", "params": {}, "priority": 0, "watch": False},
          [("image", "png", None, None, bytes.fromhex("89504e470d0a1a0a"))]),
    invalid("bad-magic-http", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", 100, "BAD_MAGIC",
            'Bad magic 0x47455420 (expected 0x41544C52 "ATLR") \u2014 this socket speaks the Atelier protocol, not HTTP'),
    invalid("bad-magic", frame(0x01, b"{}", magic=b"ATLX"), 100, "BAD_MAGIC",
            'Bad magic 0x41544C58 (expected 0x41544C52 "ATLR")'),
    invalid("bad-version", frame(0x01, b"{}", version=2), 101, "UNSUPPORTED_VERSION",
            "Unsupported protocol version 2 (this side speaks 1)"),
    invalid("unknown-type", frame(0x55, b"{}"), 104, "UNKNOWN_MESSAGE", "Unknown message type 0x55"),
    invalid("reserved-flags", frame(0x0F, b"{}", flags=4), 103, "MALFORMED_HEADER", "Reserved flags set: 0x0004"),
    invalid("truncated-prefix", hello[:5], 105, "TRUNCATED_FRAME", "Truncated frame: expected 16 prefix bytes, got 5"),
    invalid("truncated-header", hello[:28], 105, "TRUNCATED_FRAME", "Truncated frame: header needs 38 bytes, got 12"),
    invalid("header-not-object", frame(0x0F, b"[1,2]"), 103, "MALFORMED_HEADER", "Header is not a JSON object"),
    invalid("blob-out-of-range",
            frame(0x0F, dumps({"id": 4, "blobs": [{"name": "payload", "offset": 2, "length": 4, "format": "bytes"}]}),
                  b"abcd"),
            106, "BAD_BLOB", 'Blob "payload" (offset 2, length 4) lies outside the payload of 4 bytes'),
    invalid("rgba8-length-mismatch",
            frame(0x05, dumps({"id": 2, "blobs": [{"name": "image", "offset": 0, "length": 7, "format": "rgba8",
                                                   "width": 2, "height": 1}]}), image[:7]),
            106, "BAD_BLOB", 'Blob "image": rgba8 2x1 needs 8 bytes, got 7'),
]

assert len(dumps({"id": 1, "client": "krita", "protocol": 1})) == 38

with open("protocol-vectors.json", "w", encoding="utf-8") as f:
    json.dump({
        "description": "Atelier wire protocol v1 test vectors. 'hex' is one complete byte stream. Valid cases give "
                       "the decoded frame: 'header' exactly as on the wire (including 'blobs'), 'blobs' maps each "
                       "blob name to its bytes in hex; encoding that frame (compact JSON, keys in order, no escaping "
                       "beyond JSON's own) gives 'hex' again. Error cases give the code the reader must report; "
                       "'message' is the Java reader's exact text. See docs/protocol.md.",
        "protocol": 1,
        "cases": cases,
    }, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(len(cases), "cases")
