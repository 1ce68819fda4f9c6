"""Scripting: ``atelier.api.run(image, op, **params)`` and ``atelier.api.prep_3d(obj, views, out_dir, **params)``.

Both block until done and raise ``AtelierError`` (one clear line) without changing the file when anything fails.
The sidebar's operators use the same steps (``prepare`` / ``finish``) around a non-blocking wait.
"""

import bpy

from . import connection as conn_mod
from . import images
from . import pixels as px
from . import props
from .atelier_client import AtelierError  # noqa: F401 - re-exported for scripts
from .atelier_client.connection import progress_callback, wait
from .atelier_client.panels import normalize_params
from .connection import HostError

__all__ = ["run", "run_render", "prep_3d", "AtelierError"]


class Prepared(object):
    """What a job needs, read on Blender's main thread before submitting."""

    def __init__(self, panel, values, source, name):
        self.panel = panel
        self.values = values
        self.source = source
        self.name = name


def prepare(panel, values, image=None, source=None):
    if not panel.available:
        raise HostError("Atelier: " + panel.unavailable_message(), 202, "OPERATION_UNAVAILABLE")
    if panel.requires_selection():  # Blender images have no selection (mask)
        raise HostError("Atelier: %s needs a selection, which Blender images do not have; use Krita or GIMP "
                        "for it" % panel.title, 206, "MASK_REQUIRED")
    if source is None:
        source = images.read(image)
    return Prepared(panel, values, source, props.image_name(panel, values))


def finish(prepared, result):
    """The new image datablock for a finished job (a batch's first; see ``finish_all``)."""
    return finish_all(prepared, result)[0]


def finish_all(prepared, result):
    """One new image datablock per image of a finished job ("Atelier Img2Img 1/3: a cat", ...), in order. Every
    image's pixels are composed before the first datablock is created, so a failure adds nothing."""
    count = len(result.images)
    names = [prepared.name] if count == 1 else props.image_names(prepared.panel, prepared.values, count)
    composed = [px.compose(prepared.source, result, k) for k in range(count)]
    return [images.create(name, w, h, data) for name, (w, h, data) in zip(names, composed)]


def _run(prepared, connection, on_progress, timeout):
    job = connection.submit(prepared.panel.id, prepared.values, prepared.source,
                            on_progress=progress_callback(on_progress))
    return finish(prepared, wait(job, timeout))


def run(image, op, connection=None, on_progress=None, timeout=None, **params):
    """Runs operation `op` (panel or operation id: "upscale", "detect", ...) on `image` (a bpy Image, or its
    name) and returns the new image. `params` are field values by id, `_` for `-`; missing ones take defaults.
    `on_progress(fraction, message)` runs on the client's reader thread."""
    if isinstance(image, str):
        found = bpy.data.images.get(image)
        if found is None:
            raise HostError("Atelier: no image named '%s'" % image, 207, "NO_IMAGE")
        image = found
    connection = connection or conn_mod.shared()
    panel = connection.panel(op)
    return _run(prepare(panel, normalize_params(params), image), connection, on_progress, timeout)


def run_render(op, scene=None, connection=None, on_progress=None, timeout=None, **params):
    """"Send render": runs `op` on the last render (written and reloaded) and returns the new image."""
    connection = connection or conn_mod.shared()
    panel = connection.panel(op)
    source = images.read_render(scene=scene)
    return _run(prepare(panel, normalize_params(params), source=source), connection, on_progress, timeout)


def prep_3d(obj, views=None, out_dir=None, resolution=512, orthographic=True, isolate=True, timeout=600,
            **params):
    """Renders `obj` from `views` (names: front, back, left, right, top, three-quarter) into
    `<out_dir>/renders/` with `views.json`, runs `atelier run prep-3d` on them (params: size, margin,
    background, upscale_small), loads the package's images and returns the path of its manifest.json."""
    from . import prep3d
    return prep3d.prep_3d(obj, views, out_dir, resolution=resolution, orthographic=orthographic,
                          isolate=isolate, timeout=timeout, **params)
