"""Pixel conversions: exact BGRA <-> RGBA swaps and float <-> byte round trips with the flip."""

import random
import unittest

from atelier_client import pixels
from atelier_client.pixels import (bgra_to_rgba, bytes_to_rgba_float, flip_rows, rgba_float_to_bytes, rgba_to_bgra,
                                   srgb_decode, srgb_encode)

MODES = [False] + ([True] if pixels.HAVE_NUMPY else [])


class SwapTest(unittest.TestCase):

    def test_swap_red_and_blue(self):
        self.assertEqual(b"\x03\x02\x01\x04\x07\x06\x05\x08", bgra_to_rgba(b"\x01\x02\x03\x04\x05\x06\x07\x08"))

    def test_round_trip_is_exact(self):
        rng = random.Random(7)
        data = bytes(rng.randrange(256) for _ in range(4 * 1000))
        self.assertEqual(data, rgba_to_bgra(bgra_to_rgba(data)))
        self.assertEqual(data, bgra_to_rgba(bytearray(rgba_to_bgra(data))))

    def test_input_is_not_changed_and_sizes_are_checked(self):
        data = bytearray(b"\x01\x02\x03\x04")
        bgra_to_rgba(data)
        self.assertEqual(bytearray(b"\x01\x02\x03\x04"), data)
        with self.assertRaises(ValueError):
            bgra_to_rgba(b"\x00\x00\x00")

    def test_large_image_is_fast_enough(self):
        data = bytes(4 * 1024 * 1024)
        self.assertEqual(len(data), len(bgra_to_rgba(data)))


class TransferTest(unittest.TestCase):

    def test_known_values(self):
        self.assertAlmostEqual(0.0, srgb_encode(0.0))
        self.assertAlmostEqual(1.0, srgb_encode(1.0))
        self.assertAlmostEqual(0.0031308 * 12.92, srgb_encode(0.0031308))
        self.assertAlmostEqual(0.5, srgb_decode(srgb_encode(0.5)), places=12)
        self.assertAlmostEqual(0.21404114048223255, srgb_decode(0.5), places=12)

    def test_every_byte_survives_decode_then_encode(self):
        for use_numpy in MODES:
            with self.subTest(numpy=use_numpy):
                data = bytes(b for v in range(256) for b in (v, v, v, v))
                floats = bytes_to_rgba_float(data, 256, 1, use_numpy=use_numpy)
                self.assertEqual(data, rgba_float_to_bytes(floats, 256, 1, use_numpy=use_numpy))


class FloatTest(unittest.TestCase):

    def test_float_round_trip_within_rounding(self):
        rng = random.Random(3)
        w, h = 5, 4
        floats = [rng.random() for _ in range(w * h * 4)]
        for use_numpy in MODES:
            with self.subTest(numpy=use_numpy):
                data = rgba_float_to_bytes(floats, w, h, use_numpy=use_numpy)
                back = list(bytes_to_rgba_float(data, w, h, use_numpy=use_numpy))
                for i, (a, b) in enumerate(zip(floats, back)):
                    if i % 4 == 3:
                        self.assertAlmostEqual(a, b, delta=0.5 / 255 + 1e-6)
                    else:
                        self.assertAlmostEqual(srgb_encode(a), srgb_encode(b), delta=0.5 / 255 + 1e-6)

    def test_bottom_up_becomes_top_down(self):
        # 1x2: bottom row (first in Blender) red, top row blue.
        floats = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.5]
        for use_numpy in MODES:
            with self.subTest(numpy=use_numpy):
                data = rgba_float_to_bytes(floats, 1, 2, use_numpy=use_numpy)
                self.assertEqual(b"\x00\x00\xff\x80\xff\x00\x00\xff", data)
                self.assertEqual(b"\xff\x00\x00\xff\x00\x00\xff\x80",
                                 rgba_float_to_bytes(floats, 1, 2, flip=False, use_numpy=use_numpy))
                back = list(bytes_to_rgba_float(data, 1, 2, use_numpy=use_numpy))
                self.assertEqual([1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0], [round(v, 6) for v in back[:7]])

    def test_alpha_is_linear_and_values_are_clamped(self):
        floats = [0.5, -1.0, 2.0, 0.5, float("nan"), 0.0, 0.0, 1.5]
        for use_numpy in MODES:
            with self.subTest(numpy=use_numpy):
                data = rgba_float_to_bytes(floats, 2, 1, use_numpy=use_numpy)
                self.assertEqual(bytes([188, 0, 255, 128, 0, 0, 0, 255]), data)

    def test_already_srgb_floats_are_only_scaled(self):
        for use_numpy in MODES:
            with self.subTest(numpy=use_numpy):
                self.assertEqual(bytes([128, 0, 255, 255]),
                                 rgba_float_to_bytes([0.5, 0.0, 1.0, 1.0], 1, 1, linear=False, use_numpy=use_numpy))
                back = list(bytes_to_rgba_float(bytes([51, 0, 255, 255]), 1, 1, linear=False, use_numpy=use_numpy))
                self.assertAlmostEqual(0.2, back[0], places=6)

    def test_sizes_are_checked(self):
        with self.assertRaises(ValueError):
            rgba_float_to_bytes([0.0] * 7, 1, 2, use_numpy=False)
        with self.assertRaises(ValueError):
            bytes_to_rgba_float(b"\x00" * 7, 1, 2, use_numpy=False)

    def test_flip_rows(self):
        self.assertEqual(b"cdab", flip_rows(b"abcd", 2, 2, 1))
        self.assertEqual(b"abcd", flip_rows(flip_rows(b"abcd", 1, 2, 2), 1, 2, 2))


if __name__ == "__main__":
    unittest.main()
