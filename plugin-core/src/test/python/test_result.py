"""RESULT frames with one image or a batch: the shared vectors decoded by the client and written by the fake
daemon, and the client's bound on the image count (1..MAX_RESULT_IMAGES)."""

import json
import unittest
from collections import OrderedDict

from atelier_client import AtelierError, ErrorCode, MessageType
from atelier_client.client import MAX_RESULT_IMAGES, _to_result, result_blob_name
from atelier_client.protocol import decode_frame, encode_frame
from fake_daemon import result_parts
from test_protocol import vectors_path

IMAGE = bytes([255, 0, 0, 255, 0, 0, 255, 128])


def vector(name):
    with open(vectors_path(), "rb") as f:
        cases = json.loads(f.read().decode("utf-8"), object_pairs_hook=OrderedDict)["cases"]
    return [c for c in cases if c["name"] == name][0]["hex"]


def result_frame(images, count=None, w=2, h=1):
    header = OrderedDict([("job", "j"), ("x", 0), ("y", 0), ("canvasWidth", w), ("canvasHeight", h),
                          ("notices", [])])
    if count is not None:
        header["images"] = count
    blobs = [(result_blob_name(k), "rgba8", d[0], d[1], d[2]) for k, d in enumerate(images)]
    return decode_frame(encode_frame(MessageType.RESULT, header, blobs))


class ResultTest(unittest.TestCase):

    def test_a_single_image_result_reads_as_before(self):
        r = _to_result(decode_frame(bytes.fromhex(vector("result"))))
        self.assertEqual((2, 1, IMAGE), (r.image[0], r.image[1], bytes(r.image[2])))
        self.assertEqual(1, len(r.images))
        self.assertEqual((), r.variations)
        self.assertEqual(["upscaled \u00d72"], r.notices)

    def test_a_batch_vector_gives_both_images_in_order(self):
        r = _to_result(decode_frame(bytes.fromhex(vector("result-batch"))))
        self.assertEqual([IMAGE, IMAGE[4:] + IMAGE[:4]], [bytes(i[2]) for i in r.images])
        self.assertEqual(r.images[0], r.image)
        self.assertEqual((-1, 0, 3, 1), (r.x, r.y, r.canvas_width, r.canvas_height))
        self.assertEqual({"seed": "42"}, r.meta)

    def test_the_fake_daemon_writes_the_vectors_bytes(self):
        one = result_parts(OrderedDict([("job", "j-1"), ("x", 0), ("y", 0), ("canvasWidth", 2),
                                        ("canvasHeight", 1), ("notices", ["upscaled \u00d72"])]), 2, 1, [IMAGE])
        self.assertEqual(vector("result"), encode_frame(MessageType.RESULT, *one).hex())
        two = result_parts(OrderedDict([("job", "j-2"), ("x", -1), ("y", 0), ("canvasWidth", 3),
                                        ("canvasHeight", 1), ("notices", []), ("meta", {"seed": "42"})]), 2, 1,
                           [IMAGE, IMAGE[4:] + IMAGE[:4]])
        self.assertEqual(vector("result-batch"), encode_frame(MessageType.RESULT, *two).hex())

    def test_the_image_count_is_bounded_and_every_blob_required(self):
        px = (1, 1, b"\x00\x00\x00\x00")
        for count in (0, MAX_RESULT_IMAGES + 1, 10 ** 9, -1, 1.5, "2", True):
            with self.subTest(count=count):
                with self.assertRaises(AtelierError) as e:
                    _to_result(result_frame([px], count, 1, 1))
                self.assertEqual(ErrorCode.INTERNAL, e.exception.code)
        with self.assertRaises(AtelierError) as e:
            _to_result(result_frame([px, px], 3, 1, 1))
        self.assertIn('"image.2"', str(e.exception))
        with self.assertRaises(AtelierError):
            _to_result(result_frame([px, (2, 1, IMAGE)], 2, 1, 1))
        self.assertEqual(MAX_RESULT_IMAGES, len(_to_result(result_frame([px] * 8, 8, 1, 1)).images))


if __name__ == "__main__":
    unittest.main()
