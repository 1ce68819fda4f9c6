"""Pixel conversions between host layouts and the wire's rgba8 (R G B A bytes, straight alpha, top row first).

* Krita: an 8-bit RGBA document's ``pixelData`` is B G R A per pixel; ``bgra_to_rgba`` / ``rgba_to_bgra`` swap
  the red and blue channels (the swap is its own inverse) with bytearray slice assignment, no per-pixel loop.
* Blender: ``Image.pixels`` is linear-light float RGBA, bottom row first; ``rgba_float_to_bytes`` encodes it to
  sRGB 8-bit top-down and ``bytes_to_rgba_float`` goes back. Both use numpy when it imports (Blender ships it)
  and a pure Python fallback otherwise. Alpha is never transfer-encoded.

The sRGB transfer functions are the exact piecewise IEC 61966-2-1 curves::

    encode(c) = 12.92 c                      for c <= 0.0031308,  1.055 c^(1/2.4) - 0.055 otherwise
    decode(v) = v / 12.92                    for v <= 0.04045,    ((v + 0.055) / 1.055)^2.4 otherwise

and a float becomes a byte as ``floor(clamp(v, 0, 1) * 255 + 0.5)``.
"""

import bisect

__all__ = [
    "bgra_to_rgba", "rgba_to_bgra", "srgb_encode", "srgb_decode", "rgba_float_to_bytes", "bytes_to_rgba_float",
    "flip_rows", "HAVE_NUMPY",
]

try:  # optional fast path
    import numpy as _np
    HAVE_NUMPY = True
except Exception:  # pragma: no cover - depends on the interpreter
    _np = None
    HAVE_NUMPY = False


def bgra_to_rgba(data):
    """Returns B G R A pixels as R G B A bytes (a new object; the input is not changed)."""
    if len(data) % 4:
        raise ValueError("pixel data of %d bytes is not a whole number of 4-byte pixels" % len(data))
    out = bytearray(data)
    out[0::4] = data[2::4]
    out[2::4] = data[0::4]
    return bytes(out)


def rgba_to_bgra(data):
    """Returns R G B A pixels as B G R A bytes (the same swap as bgra_to_rgba)."""
    return bgra_to_rgba(data)


def srgb_encode(c):
    """Linear light (0..1) to the sRGB-encoded value (0..1)."""
    if c <= 0.0031308:
        return 12.92 * c
    return 1.055 * c ** (1.0 / 2.4) - 0.055


def srgb_decode(v):
    """sRGB-encoded value (0..1) to linear light (0..1)."""
    if v <= 0.04045:
        return v / 12.92
    return ((v + 0.055) / 1.055) ** 2.4


def _to_byte(v):
    if not v > 0.0:  # also NaN
        return 0
    if v >= 1.0:
        return 255
    return int(v * 255.0 + 0.5)


# Byte b (1..255) is reached by linear values >= _THRESHOLDS[b - 1]: exactly floor(encode(c) * 255 + 0.5).
_THRESHOLDS = [srgb_decode((b - 0.5) / 255.0) for b in range(1, 256)]
_DECODE = [srgb_decode(b / 255.0) for b in range(256)]
_UNIT = [b / 255.0 for b in range(256)]


def flip_rows(data, width, height, bytes_per_pixel=4):
    """Returns the rows of a packed image in reverse order (bottom-up <-> top-down)."""
    row = width * bytes_per_pixel
    if len(data) != row * height:
        raise ValueError("%d bytes is not a %dx%d image of %d bytes per pixel"
                         % (len(data), width, height, bytes_per_pixel))
    out = bytearray(len(data))
    for y in range(height):
        out[y * row:(y + 1) * row] = data[(height - 1 - y) * row:(height - y) * row]
    return bytes(out)


def _check(count, width, height, what):
    if width < 0 or height < 0 or count != width * height * 4:
        raise ValueError("%s of %d values is not %dx%d RGBA" % (what, count, width, height))


def rgba_float_to_bytes(pixels, width, height, linear=True, flip=True, use_numpy=None):
    """Float RGBA (Blender ``Image.pixels``: linear light, bottom row first) -> rgba8 bytes, sRGB, top row first.

    ``linear=False`` when the floats are already sRGB-encoded (only scaled); ``flip=False`` when the rows are
    already top-down. ``use_numpy``: None = when available. Values are clamped to 0..1.
    """
    if use_numpy is None:
        use_numpy = HAVE_NUMPY
    if use_numpy:
        return _float_to_bytes_numpy(pixels, width, height, linear, flip)
    if not isinstance(pixels, (list, tuple)):
        pixels = list(pixels)
    _check(len(pixels), width, height, "pixel data")
    row = width * 4
    out = bytearray(row * height)
    thresholds = _THRESHOLDS
    for y in range(height):
        src = (height - 1 - y) if flip else y
        values = pixels[src * row:(src + 1) * row]
        if linear:
            encoded = [bisect.bisect_right(thresholds, v) if v == v else 0 for v in values]
        else:
            encoded = [_to_byte(v) for v in values]
        encoded[3::4] = [_to_byte(a) for a in values[3::4]]
        out[y * row:(y + 1) * row] = bytes(encoded)
    return bytes(out)


def bytes_to_rgba_float(data, width, height, linear=True, flip=True, use_numpy=None):
    """rgba8 bytes (sRGB, top row first) -> float RGBA for Blender (linear light, bottom row first).

    Returns a flat numpy float32 array when numpy is used, otherwise a flat list of floats; both can be given to
    ``Image.pixels.foreach_set``.
    """
    if use_numpy is None:
        use_numpy = HAVE_NUMPY
    _check(len(data), width, height, "pixel data")
    if use_numpy:
        a = _np.frombuffer(bytes(data), dtype=_np.uint8).reshape(height, width, 4)
        if flip:
            a = a[::-1]
        lut = _np.array(_DECODE if linear else _UNIT, dtype=_np.float32)
        out = lut[a]
        out[..., 3] = a[..., 3].astype(_np.float32) / _np.float32(255.0)
        return out.reshape(-1)
    row = width * 4
    table = _DECODE if linear else _UNIT
    unit = _UNIT
    out = []
    for y in range(height):
        src = (height - 1 - y) if flip else y
        chunk = data[src * row:(src + 1) * row]
        values = [table[b] for b in chunk]
        values[3::4] = [unit[b] for b in chunk[3::4]]
        out.extend(values)
    return out


def _float_to_bytes_numpy(pixels, width, height, linear, flip):
    a = _np.asarray(pixels, dtype=_np.float64).reshape(-1)
    _check(a.size, width, height, "pixel data")
    a = a.reshape(height, width, 4)
    if flip:
        a = a[::-1]
    a = _np.nan_to_num(a, nan=0.0)
    a = _np.clip(a, 0.0, 1.0)
    out = _np.empty((height, width, 4), dtype=_np.float64)
    rgb = a[..., :3]
    if linear:
        out[..., :3] = _np.where(rgb <= 0.0031308, rgb * 12.92, 1.055 * _np.power(rgb, 1.0 / 2.4) - 0.055)
    else:
        out[..., :3] = rgb
    out[..., 3] = a[..., 3]
    return _np.floor(out * 255.0 + 0.5).astype(_np.uint8).tobytes()
