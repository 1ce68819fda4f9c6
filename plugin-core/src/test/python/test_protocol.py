"""The codec against the shared vectors (both ways), partial reads, truncation, limits and blob validation."""

import json
import os
import unittest
from collections import OrderedDict

from atelier_client.protocol import (DEFAULT_LIMITS, ErrorCode, FrameReader, Limits, MessageType, ProtocolError,
                                     decode_frame, encode_frame, encode_json)

HERE = os.path.dirname(os.path.abspath(__file__))


def vectors_path():
    explicit = os.environ.get("ATELIER_VECTORS")
    if explicit:
        return explicit
    return os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "testdata", "protocol-vectors.json"))


def load_cases():
    with open(vectors_path(), "rb") as f:
        return json.loads(f.read().decode("utf-8"), object_pairs_hook=OrderedDict)["cases"]


class ByteSource(object):
    """A read(n) source handing out at most ``step`` bytes per call; counts what it handed out."""

    def __init__(self, data, step=None):
        self.data = bytes(data)
        self.pos = 0
        self.step = step

    def __call__(self, n):
        if self.step is not None:
            n = min(n, self.step)
        chunk = self.data[self.pos:self.pos + n]
        self.pos += len(chunk)
        return chunk


def read_all(data, step=None, limits=DEFAULT_LIMITS):
    reader = FrameReader(ByteSource(data, step), limits)
    return reader.read()


def frame(header, payload=b"", msg_type=MessageType.ECHO):
    """Builds raw frame bytes around any header text (str or dict) and payload, bypassing the encoder's checks."""
    if not isinstance(header, (bytes, str)):
        header = json.dumps(header, separators=(",", ":"))
    if isinstance(header, str):
        header = header.encode("utf-8")
    return (b"ATLR" + bytes([1, int(msg_type), 0, 0]) + len(header).to_bytes(4, "big")
            + len(payload).to_bytes(4, "big") + header + payload)


class VectorsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.cases = load_cases()
        cls.valid = [c for c in cls.cases if "expect" in c]
        cls.invalid = [c for c in cls.cases if "error" in c]

    def test_vectors_present(self):
        self.assertGreaterEqual(len(self.valid), 5)
        self.assertGreaterEqual(len(self.invalid), 5)

    def check_decoded(self, case, decoded):
        expect = case["expect"]
        header = OrderedDict(expect["header"])
        descriptors = header.pop("blobs", [])
        self.assertEqual(expect["type"], decoded.type.name)
        self.assertEqual(header, decoded.header)
        self.assertNotIn("blobs", decoded.header)
        self.assertEqual(list(expect["blobs"].keys()), list(decoded.blobs.keys()))
        for name, hexdata in expect["blobs"].items():
            self.assertEqual(bytes.fromhex(hexdata), bytes(decoded.blob(name)))
        for d in descriptors:
            self.assertEqual(d, dict(decoded.blob_info(d["name"])))

    def test_valid_vectors_decode(self):
        for case in self.valid:
            with self.subTest(case["name"]):
                self.check_decoded(case, decode_frame(bytes.fromhex(case["hex"])))

    def test_valid_vectors_reencode_to_the_same_bytes(self):
        for case in self.valid:
            with self.subTest(case["name"]):
                decoded = decode_frame(bytes.fromhex(case["hex"]))
                again = encode_frame(decoded.type, decoded.header, decoded.to_blob_tuples())
                self.assertEqual(case["hex"], again.hex())

    def test_valid_vectors_encode_from_the_expected_frame(self):
        for case in self.valid:
            with self.subTest(case["name"]):
                expect = case["expect"]
                header = OrderedDict(expect["header"])
                blobs = []
                for d in header.pop("blobs", []):
                    blobs.append((d["name"], d["format"], d.get("width", 0), d.get("height", 0),
                                  bytes.fromhex(expect["blobs"][d["name"]])))
                data = encode_frame(MessageType[expect["type"]], header, blobs)
                self.assertEqual(case["hex"], data.hex())

    def test_invalid_vectors_give_the_java_code_and_message(self):
        for case in self.invalid:
            with self.subTest(case["name"]):
                with self.assertRaises(ProtocolError) as caught:
                    read_all(bytes.fromhex(case["hex"]))
                self.assertEqual(case["error"]["code"], caught.exception.code)
                self.assertEqual(case["error"]["name"], caught.exception.name)
                self.assertEqual(case["error"]["message"], str(caught.exception))

    def test_one_byte_at_a_time(self):
        for case in self.cases:
            with self.subTest(case["name"]):
                data = bytes.fromhex(case["hex"])
                if "expect" in case:
                    self.check_decoded(case, read_all(data, step=1))
                else:
                    with self.assertRaises(ProtocolError) as caught:
                        read_all(data, step=1)
                    self.assertEqual(case["error"]["message"], str(caught.exception))

    def test_truncation_at_every_cut(self):
        for case in self.valid:
            data = bytes.fromhex(case["hex"])
            with self.subTest(case["name"], cut=0):
                self.assertIsNone(read_all(b""))
            for cut in range(1, len(data)):
                with self.subTest(case["name"], cut=cut):
                    with self.assertRaises(ProtocolError) as caught:
                        read_all(data[:cut], step=3)
                    self.assertEqual(ErrorCode.TRUNCATED_FRAME, caught.exception.code)
                    self.assertTrue(str(caught.exception).startswith("Truncated frame: "), str(caught.exception))

    def test_stream_of_frames_then_clean_end(self):
        datas = [bytes.fromhex(c["hex"]) for c in self.valid]
        reader = FrameReader(ByteSource(b"".join(datas), step=7))
        frames = list(reader)
        self.assertEqual([c["expect"]["type"] for c in self.valid], [f.type.name for f in frames])
        self.assertIsNone(reader.read())


class TruncationMessagesTest(unittest.TestCase):

    def test_payload_truncation_counts_bytes(self):
        data = encode_frame(MessageType.ECHO, {"id": 1}, [("payload", "bytes", 0, 0, b"0123456789")])
        with self.assertRaises(ProtocolError) as caught:
            read_all(data[:-4])
        self.assertEqual("Truncated frame: payload needs 10 bytes, got 6", str(caught.exception))

    def test_prefix_truncation(self):
        with self.assertRaises(ProtocolError) as caught:
            read_all(b"ATLR\x01\x0f")
        self.assertEqual("Truncated frame: expected 16 prefix bytes, got 6", str(caught.exception))

    def test_decode_rejects_trailing_bytes_and_empty_input(self):
        data = encode_frame(MessageType.ECHO, {})
        with self.assertRaises(ProtocolError) as caught:
            decode_frame(data + b"xy")
        self.assertEqual((103, "2 bytes follow the frame"), (caught.exception.code, str(caught.exception)))
        with self.assertRaises(ProtocolError) as caught:
            decode_frame(b"")
        self.assertEqual("Truncated frame: expected 16 prefix bytes, got 0", str(caught.exception))

    def test_reader_refuses_to_continue_after_an_error(self):
        reader = FrameReader(ByteSource(b"ATLX" + bytes(12)))
        with self.assertRaises(ProtocolError):
            reader.read()
        with self.assertRaises(RuntimeError):
            reader.read()


class LimitsTest(unittest.TestCase):

    def test_huge_payload_is_refused_from_the_prefix_alone(self):
        prefix = b"ATLR\x01\x0f\x00\x00" + (2).to_bytes(4, "big") + (0xFFFFFFFF).to_bytes(4, "big")
        source = ByteSource(prefix + b"{}" + bytes(100))
        with self.assertRaises(ProtocolError) as caught:
            FrameReader(source, Limits(1024, 1000)).read()
        self.assertEqual(ErrorCode.FRAME_TOO_LARGE, caught.exception.code)
        self.assertEqual("Payload of 4294967295 bytes exceeds the limit of 1000", str(caught.exception))
        self.assertEqual(16, source.pos)  # nothing after the prefix was read

    def test_huge_header_is_refused_before_allocation(self):
        prefix = b"ATLR\x01\x0f\x00\x00" + (2000000).to_bytes(4, "big") + bytes(4)
        source = ByteSource(prefix)
        with self.assertRaises(ProtocolError) as caught:
            FrameReader(source).read()
        self.assertEqual("Header of 2000000 bytes exceeds the limit of 1048576", str(caught.exception))
        self.assertEqual(16, source.pos)

    def test_default_limits(self):
        self.assertEqual(1 << 20, DEFAULT_LIMITS.max_header_bytes)
        self.assertEqual((1 << 30) + (1 << 20), DEFAULT_LIMITS.max_payload_bytes)

    def test_writer_refuses_what_the_peer_would_reject(self):
        with self.assertRaises(ValueError) as caught:
            encode_frame(MessageType.ECHO, {"id": 1}, [("payload", "bytes", 0, 0, bytes(101))], Limits(1024, 100))
        self.assertEqual("Payload of 101 bytes exceeds the limit of 100 (ECHO)", str(caught.exception))
        with self.assertRaises(ValueError):
            encode_frame(MessageType.ECHO, {"text": "x" * 100}, limits=Limits(50, 100))


class HeaderValidationTest(unittest.TestCase):

    def error(self, data):
        with self.assertRaises(ProtocolError) as caught:
            read_all(data)
        return caught.exception.code, str(caught.exception)

    def test_header_shapes(self):
        self.assertEqual((103, "Header is not a JSON object"), self.error(frame("")))
        self.assertEqual((103, "Header is not a JSON object"), self.error(frame('"text"')))
        self.assertEqual(103, self.error(frame("{"))[0])
        self.assertEqual((103, "Header is not valid UTF-8 JSON: data after the object"), self.error(frame("{} {}")))
        self.assertEqual((103, "Header is not valid UTF-8 JSON: malformed UTF-8 bytes"),
                         self.error(frame(b'{"a":"\xff"}')))
        self.assertEqual(103, self.error(frame('{"a":NaN}'))[0])

    def test_id_and_job_types(self):
        self.assertEqual((103, 'Header field "id" must be an integer, got "1"'), self.error(frame('{"id":"1"}')))
        self.assertEqual((103, 'Header field "id" must be an integer, got 1.5'), self.error(frame('{"id":1.5}')))
        self.assertEqual(103, self.error(frame('{"id":2147483648}'))[0])
        self.assertEqual((103, 'Header field "job" must be a string, got 7'), self.error(frame('{"job":7}')))
        self.assertEqual(-5, read_all(frame('{"id":-5}')).get_id())

    def test_unicode_header_survives(self):
        f = read_all(frame('{"id":1,"message":"upscaled \u00d72 \u2014 \u4e2d"}'))
        self.assertEqual("upscaled \u00d72 \u2014 \u4e2d", f.header["message"])


class BlobValidationTest(unittest.TestCase):

    def error(self, blobs, payload):
        data = frame(OrderedDict([("id", 1), ("blobs", blobs)]), payload)
        with self.assertRaises(ProtocolError) as caught:
            read_all(data)
        self.assertEqual(ErrorCode.BAD_BLOB, caught.exception.code)
        return str(caught.exception)

    @staticmethod
    def blob(name, offset, length, fmt="bytes", **extra):
        d = OrderedDict([("name", name), ("offset", offset), ("length", length), ("format", fmt)])
        d.update(extra)
        return d

    def test_descriptor_rules(self):
        self.assertEqual('Header field "blobs" must be an array of blob descriptors', self.error({}, b""))
        self.assertEqual("Blob #0 is not a JSON object", self.error([1], b""))
        self.assertEqual('Blob #0 has no "name" (a non-empty string)', self.error([self.blob("", 0, 0)], b""))
        self.assertEqual('Blob "a" has unknown format "jpeg" (expected rgba8, gray8, png or bytes)',
                         self.error([self.blob("a", 0, 1, "jpeg")], b"x"))
        self.assertEqual('Blob "a" has no "offset"', self.error([OrderedDict([("name", "a"), ("format", "png")])], b""))
        self.assertEqual('Blob "a": "offset" must be an integer in 0..4294967295, got -1',
                         self.error([self.blob("a", -1, 1)], b"x"))
        self.assertEqual('Blob "a" has no "width"', self.error([self.blob("a", 0, 4, "rgba8")], b"xxxx"))
        self.assertEqual('Blob "m": gray8 2x2 needs 4 bytes, got 3',
                         self.error([self.blob("m", 0, 3, "gray8", width=2, height=2)], b"xxx"))

    def test_duplicates_and_overlaps(self):
        self.assertEqual('Duplicate blob name "a"', self.error([self.blob("a", 0, 1), self.blob("a", 1, 1)], b"xy"))
        self.assertEqual('Blobs "a" and "b" overlap', self.error([self.blob("a", 0, 2), self.blob("b", 1, 2)], b"xyz"))

    def test_gaps_are_skipped_and_empty_blobs_may_share_offsets(self):
        blobs = [self.blob("b", 5, 2), self.blob("a", 1, 2), self.blob("e", 1, 0)]
        f = read_all(frame(OrderedDict([("id", 1), ("blobs", blobs)]), b"0123456789"), step=2)
        self.assertEqual(["b", "a", "e"], list(f.blobs))
        self.assertEqual(b"56", bytes(f.blob("b")))
        self.assertEqual(b"12", bytes(f.blob("a")))
        self.assertEqual(b"", bytes(f.blob("e")))

    def test_raster_helper(self):
        f = read_all(encode_frame(MessageType.RESULT, {"job": "j"}, [("image", "rgba8", 2, 1, bytes(range(8))),
                                                                    ("p", "png", 0, 0, b"\x89PNG")]))
        self.assertEqual((2, 1, bytes(range(8))), (f.raster("image")[0], f.raster("image")[1],
                                                   bytes(f.raster("image")[2])))
        self.assertIsNone(f.raster("missing"))
        with self.assertRaises(ValueError):
            f.raster("p")


class EncoderTest(unittest.TestCase):

    def test_json_like_gson(self):
        self.assertEqual('{"a":"<>&=\'","b":[1,true,false],"c":0.75}',
                         encode_json(OrderedDict([("a", "<>&='"), ("b", [1, True, False]), ("c", 0.75)])))
        self.assertEqual('"\\u2028\\u2029\\u0001\\n\\"\\\\\u00e9"', encode_json("\u2028\u2029\u0001\n\"\\\u00e9"))
        self.assertEqual('{"a":1}', encode_json(OrderedDict([("a", 1), ("b", None)])))

    def test_doubles_like_java(self):
        cases = {1.0: "1.0", 0.5: "0.5", 100.0: "100.0", 1e7: "1.0E7", 1.5e-7: "1.5E-7", 0.001: "0.001",
                 1e-4: "1.0E-4", 123456.789: "123456.789", -2.5: "-2.5", 1e21: "1.0E21", 0.0: "0.0",
                 9999999.0: "9999999.0", 12345678.9: "1.23456789E7"}
        for value, text in cases.items():
            self.assertEqual(text, encode_json(value), value)

    def test_blob_checks(self):
        with self.assertRaises(ValueError):
            encode_frame(MessageType.SUBMIT, {}, [("image", "rgba8", 2, 1, bytes(7))])
        with self.assertRaises(ValueError):
            encode_frame(MessageType.SUBMIT, {}, [("image", "tiff", 0, 0, b"")])
        with self.assertRaises(ValueError):
            encode_frame(MessageType.ECHO, {}, [("a", "bytes", 0, 0, b""), ("a", "bytes", 0, 0, b"")])
        with self.assertRaises(ValueError):
            encode_frame(MessageType.ECHO, {"blobs": []})

    def test_round_trip_keeps_blob_order_and_bytes(self):
        blobs = [("image", "rgba8", 3, 2, bytes(range(24))), ("mask", "gray8", 3, 2, b"\x00\xff" * 3),
                 ("extra", "bytes", 0, 0, b"")]
        data = encode_frame(MessageType.SUBMIT, OrderedDict([("id", 9), ("op", "x")]), blobs)
        f = decode_frame(data)
        self.assertEqual(blobs, [(n, fm, w, h, bytes(d)) for n, fm, w, h, d in f.to_blob_tuples()])
        self.assertEqual(data, encode_frame(f.type, f.header, f.to_blob_tuples()))

    def test_every_message_type_has_its_code(self):
        self.assertEqual(0x01, MessageType.HELLO)
        self.assertEqual(0x10, MessageType.SHUTDOWN)
        self.assertEqual(0x7F, MessageType.ERROR)
        self.assertEqual(17, len(MessageType))
        self.assertEqual(ErrorCode.INTERNAL, ErrorCode.from_wire(999))
        self.assertEqual(ErrorCode.UNKNOWN_JOB, ErrorCode.from_wire(205))
        self.assertTrue(ErrorCode.BAD_BLOB.closes_connection())


if __name__ == "__main__":
    unittest.main()


class MirrorsJavaTest(unittest.TestCase):
    """The enums match the Java sources of plugin-core (skipped where the sources are not beside the tests)."""

    JAVA = os.path.normpath(os.path.join(HERE, "..", "..", "main", "java", "dev", "atelier", "core"))

    def java_enum(self, relative):
        import re
        path = os.path.join(self.JAVA, relative)
        if not os.path.exists(path):
            self.skipTest("no Java sources at " + path)
        with open(path, "r", encoding="utf-8") as f:
            text = f.read()
        return {name: int(number, 0) for name, number in re.findall(r"^\s+([A-Z_0-9]+)\((0x[0-9A-Fa-f]+|\d+)\)",
                                                                     text, re.M)}

    def test_error_codes(self):
        self.assertEqual(self.java_enum("error/ErrorCode.java"), {c.name: c.value for c in ErrorCode})

    def test_message_types(self):
        self.assertEqual(self.java_enum("protocol/MessageType.java"), {t.name: t.value for t in MessageType})
