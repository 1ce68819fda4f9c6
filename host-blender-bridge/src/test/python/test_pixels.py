"""Blender's pixel layouts as the add-on converts them (atelier.pixels over atelier_client.pixels)."""

import random
import unittest

from atelier import pixels as px
from atelier.atelier_client import Result
from atelier.atelier_client import pixels as cpx


def byte_image(w, h, seed=1):
    r = random.Random(seed)
    return bytes(r.randrange(256) for _ in range(w * h * 4))


def as_blender_byte_pixels(data, w, h):
    """What Blender's Image.pixels holds for an 8-bit image with these bytes (top-down): b / 255, bottom row first."""
    rows = [data[y * w * 4:(y + 1) * w * 4] for y in range(h)]
    return [b / 255.0 for row in reversed(rows) for b in row]


def assert_close(test, actual, expected):
    """Equal as Blender's float32 pixels: within float32 rounding of b / 255."""
    actual = [float(v) for v in actual]
    test.assertEqual(len(actual), len(expected))
    for i, (a, e) in enumerate(zip(actual, expected)):
        if abs(a - e) > 1e-7:
            test.fail("value %d: %r != %r" % (i, a, e))


class BytePixelsTest(unittest.TestCase):
    def test_every_byte_value_round_trips_through_a_new_image(self):
        data = bytes(range(256)) * 4  # 32x8 image, every value in every channel
        for use_numpy in ([False, True] if cpx.HAVE_NUMPY else [False]):
            floats = cpx.bytes_to_rgba_float(data, 32, 8, linear=False, flip=True, use_numpy=use_numpy)
            assert_close(self, floats, as_blender_byte_pixels(data, 32, 8))
            back = cpx.rgba_float_to_bytes(floats, 32, 8, linear=False, flip=True, use_numpy=use_numpy)
            self.assertEqual(back, data)

    def test_from_rgba_is_what_foreach_set_needs(self):
        data = byte_image(5, 3)
        assert_close(self, px.from_rgba(data, 5, 3), as_blender_byte_pixels(data, 5, 3))

    def test_a_byte_image_is_only_scaled_and_flipped(self):
        data = byte_image(7, 4, seed=3)
        self.assertEqual(px.to_rgba(as_blender_byte_pixels(data, 7, 4), 7, 4, is_float=False), data)


class FloatPixelsTest(unittest.TestCase):
    def test_a_float_image_is_srgb_encoded(self):
        # linear 0.5 mid grey -> sRGB 188; alpha is never encoded
        floats = [0.5, 0.0, 1.0, 0.5]
        self.assertEqual(px.to_rgba(floats, 1, 1, is_float=True), bytes([188, 0, 255, 128]))

    def test_decoded_bytes_encode_back_exactly(self):
        data = bytes(range(256)) * 4
        linear = cpx.bytes_to_rgba_float(data, 16, 16, linear=True, flip=True)
        self.assertEqual(px.to_rgba(list(linear), 16, 16, is_float=True), data)

    def test_out_of_range_and_nan_are_clamped(self):
        floats = [2.0, -1.0, float("nan"), 1.5]
        self.assertEqual(px.to_rgba(floats, 1, 1, is_float=True), bytes([255, 0, 0, 255]))

    def test_rows_are_flipped(self):
        floats = [1.0, 1.0, 1.0, 1.0] + [0.0, 0.0, 0.0, 1.0]  # bottom row white, top row black
        self.assertEqual(px.to_rgba(floats, 1, 2, is_float=True), bytes([0, 0, 0, 255, 255, 255, 255, 255]))


def FakeResult(image, x, y, cw, ch, variations=()):  # noqa: N802 - reads like the class it builds
    return Result("j-1", image, x, y, cw, ch, [], variations=variations)


class ComposeTest(unittest.TestCase):
    def test_a_full_canvas_result_is_the_new_image(self):
        patch = (4, 2, bytes(32))
        self.assertEqual(px.compose((2, 1, bytes(8)), FakeResult(patch, 0, 0, 4, 2)), patch)

    def test_a_patch_is_pasted_over_the_source(self):
        src = bytes([1] * 4 * 3 * 2)  # 3x2 of 1s
        patch = bytes([9] * 4)          # 1x1 at (2, 1)
        w, h, out = px.compose((3, 2, src), FakeResult((1, 1, patch), 2, 1, 3, 2))
        self.assertEqual((w, h), (3, 2))
        expected = bytearray(src)
        expected[(1 * 3 + 2) * 4:(1 * 3 + 3) * 4] = patch
        self.assertEqual(out, bytes(expected))

    def test_a_negative_origin_grows_the_canvas(self):
        src = bytes([1] * 4)            # 1x1
        patch = bytes([9] * 4)          # 1x1 at (-1, 0) on a 2x1 canvas
        w, h, out = px.compose((1, 1, src), FakeResult((1, 1, patch), -1, 0, 2, 1))
        self.assertEqual((w, h, out), (2, 1, bytes([9] * 4 + [1] * 4)))

    def test_each_image_of_a_batch_is_pasted_at_the_same_place(self):
        src = bytes([1] * 4 * 3 * 2)
        batch = FakeResult((1, 1, bytes([9] * 4)), 2, 1, 3, 2, variations=[(1, 1, bytes([7] * 4))])
        first = px.compose((3, 2, src), batch)
        second = px.compose((3, 2, src), batch, 1)
        self.assertEqual(first, px.compose((3, 2, src), batch, 0))
        self.assertEqual(bytes([1] * 20 + [9] * 4), first[2])
        self.assertEqual(bytes([1] * 20 + [7] * 4), second[2])


if __name__ == "__main__":
    unittest.main()
