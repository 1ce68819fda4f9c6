"""Blender images <-> rgba8 (bpy). The layout rules are in ``pixels``."""

import os
import tempfile

import bpy

from . import pixels as px
from .connection import HostError

try:
    import numpy as _np
except Exception:  # pragma: no cover - Blender ships numpy; the pure Python path is slower only
    _np = None

RENDER_RESULT = "RENDER_RESULT"


def _float_buffer(count):
    if _np is not None:
        return _np.empty(count, dtype=_np.float32)
    return [0.0] * count


def read(image):
    """(width, height, rgba8 top-down) of an image datablock; the Render Result is written and reloaded."""
    if image is None:
        raise HostError("Atelier: no image; open one in the Image Editor first", 207, "NO_IMAGE")
    if image.type == RENDER_RESULT:
        return read_render(image)
    w, h = image.size[0], image.size[1]
    if w <= 0 or h <= 0 or not image.has_data and not _load(image):
        raise HostError("Atelier: image '%s' has no pixels (is its file missing?)" % image.name, 207, "NO_IMAGE")
    channels = image.channels
    values = _float_buffer(w * h * channels)
    image.pixels.foreach_get(values)
    if channels != 4:
        values = _to_rgba(values, channels)
    return w, h, px.to_rgba(values, w, h, image.is_float)


def _load(image):
    try:
        image.reload() if image.source == "FILE" else None
        _ = image.pixels[0]  # touching the pixels loads the buffer
    except Exception:  # noqa: BLE001 - reported by the caller as "no pixels"
        return False
    return image.has_data


def _to_rgba(values, channels):
    n = len(values) // channels
    out = []
    for i in range(n):
        p = list(values[i * channels:(i + 1) * channels])
        if channels == 1:
            p = p * 3 + [1.0]
        elif channels == 2:
            p = [p[0]] * 3 + [p[1]]
        elif channels == 3:
            p = p + [1.0]
        out.extend(p[:4])
    return out


def read_render(image=None, scene=None):
    """The last render's pixels: Render Result holds none for Python (always so in background mode), so it is
    written to a temporary PNG (RGBA, 8-bit, the scene's view transform) and read back."""
    image = image or bpy.data.images.get("Render Result")
    scene = scene or bpy.context.scene
    if image is None:
        raise HostError("Atelier: nothing rendered yet; render first (F12)", 207, "NO_IMAGE")
    settings = scene.render.image_settings
    saved = (settings.file_format, settings.color_mode, settings.color_depth)
    fd, path = tempfile.mkstemp(prefix="atelier-render-", suffix=".png")
    os.close(fd)
    loaded = None
    try:
        settings.file_format, settings.color_mode, settings.color_depth = "PNG", "RGBA", "8"
        try:
            image.save_render(filepath=path, scene=scene)
        except RuntimeError as e:
            raise HostError("Atelier: nothing rendered yet; render first (F12) (%s)" % str(e).strip(), 207,
                            "NO_IMAGE")
        loaded = bpy.data.images.load(path)
        return read(loaded)
    finally:
        settings.file_format, settings.color_mode, settings.color_depth = saved
        if loaded is not None:
            bpy.data.images.remove(loaded)
        try:
            os.remove(path)
        except OSError:
            pass


def create(name, width, height, rgba, pack=True):
    """A new 8-bit sRGB image datablock with these pixels (Blender stores them back as the same bytes)."""
    image = bpy.data.images.new(name, width, height, alpha=True, float_buffer=False)
    image.colorspace_settings.name = "sRGB"
    image.alpha_mode = "STRAIGHT"
    image.pixels.foreach_set(px.from_rgba(rgba, width, height))
    image.update()
    if pack:
        try:
            image.pack()  # kept in the .blend (a generated image's pixels are otherwise lost on save)
        except Exception:  # noqa: BLE001 - packing is a convenience
            pass
    return image


def load(path, name=None):
    image = bpy.data.images.load(path, check_existing=False)
    if name:
        image.name = name
    return image
