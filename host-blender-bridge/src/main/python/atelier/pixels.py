"""Blender's pixel layouts <-> the wire's rgba8 (sRGB bytes, top row first). No bpy.

What ``Image.pixels`` holds (checked in Blender 3.4, see the add-on's tests):

* a float image (``is_float``: renders, EXR, ``float_buffer=True``) holds linear-light floats, bottom row first;
* a byte image (8-bit PNG/JPEG, ``float_buffer=False``) holds its stored bytes / 255 — sRGB-encoded values for an
  sRGB image, no transfer applied — bottom row first.

So a float image is sRGB-encoded on the way to the daemon and a byte image only scaled; results come back as new
8-bit sRGB images filled with byte / 255, which Blender stores back as the same bytes (pixel-exact).
"""

from .atelier_client import pixels as _px


def to_rgba(pixels, width, height, is_float):
    """``Image.pixels`` values (a flat sequence or numpy array) -> rgba8 bytes, top row first."""
    return _px.rgba_float_to_bytes(pixels, width, height, linear=bool(is_float), flip=True)


def from_rgba(data, width, height):
    """rgba8 bytes (sRGB, top row first) -> the floats for ``pixels.foreach_set`` of an 8-bit sRGB image."""
    return _px.bytes_to_rgba_float(data, width, height, linear=False, flip=True)


def compose(source, result, index=0):
    """The new image for a result: the result's patch when it covers its canvas, else the source with the patch
    pasted over it at (x, y) on the result's canvas (which may extend past the source: negative x / y).

    source: (w, h, rgba bytes); result: an atelier_client Result; index: which image of a batch (0 = the first).
    Returns (w, h, rgba bytes).
    """
    pw, ph, patch = result.images[index]
    cw, ch = result.canvas_width, result.canvas_height
    if (pw, ph) == (cw, ch):
        return pw, ph, patch
    sw, sh, src = source
    ox, oy = min(0, result.x), min(0, result.y)  # canvas origin in source coordinates
    out = bytearray(cw * ch * 4)
    _paste(out, cw, ch, src, sw, sh, -ox, -oy)
    _paste(out, cw, ch, patch, pw, ph, result.x - ox, result.y - oy)
    return cw, ch, bytes(out)


def _paste(dst, dw, dh, src, sw, sh, x, y):
    x0, x1 = max(0, x), min(dw, x + sw)
    if x1 <= x0:
        return
    for row in range(max(0, y), min(dh, y + sh)):
        s = ((row - y) * sw + (x0 - x)) * 4
        d = (row * dw + x0) * 4
        dst[d:d + (x1 - x0) * 4] = src[s:s + (x1 - x0) * 4]
