"""The scripting entry point, `atelier.run(document, op, **params)`, and the steps the docker shares with it.

Only `run` looks up Krita (for the active document when none is given); the steps take Krita objects.
"""

from . import client as client_mod
from . import document as doc_mod
from .atelier_client.connection import progress_callback, wait
from .atelier_client.panels import normalize_params
from .errors import HostError


class Prepared(object):
    """What a job needs from the document, read on Krita's thread before submitting."""

    def __init__(self, document, panel, values, source, mask):
        self.document = document
        self.panel = panel
        self.values = values
        self.source = source
        self.mask = mask

    def mask_image(self):
        if self.mask is None:
            return None
        return (self.source.width, self.source.height, self.mask)


def prepare(document, panel, values, node=None):
    """Checks the panel can run and reads the pixels (and the selection when the panel takes one)."""
    if not panel.available:
        raise HostError("Atelier: " + panel.unavailable_message(), 202, "OPERATION_UNAVAILABLE")
    source = doc_mod.read_source(document, node)
    mask = None
    if panel.uses_selection():
        mask = doc_mod.read_mask(document, source)
        if mask is None and panel.requires_selection():
            raise HostError("Atelier: %s needs a selection; select the area to repaint first" % panel.title,
                            206, "MASK_REQUIRED")
    return Prepared(document, panel, values, source, mask)


def submit(connection, prepared, on_progress=None, priority=10):
    """Sends the prepared pixels; `on_progress(fraction, message)` runs on the client's reader thread."""
    return connection.submit(prepared.panel.id, prepared.values, image=prepared.source.image(),
                             mask=prepared.mask_image(), priority=priority, on_progress=progress_callback(on_progress))


def finish(prepared, result):
    """Inserts a finished job's result as a new layer (one per image of a batch); returns the (first) node."""
    return doc_mod.insert_result(prepared.document, prepared.source, result,
                                 prepared.panel.result_names(prepared.values, len(result.images)),
                                 upscale=prepared.panel.is_upscale())


def run(document=None, op=None, node=None, connection=None, on_progress=None, timeout=None, **params):
    """Runs operation `op` on `document`'s active node (or `node`) and returns the new layer.

    `op` is a panel or operation id (`"upscale"`, `"detect"`, ...); `params` are the panel's field values by
    field id, with `_` allowed for `-` (`line_weight=1.5` or `**{"line-weight": 1.5}`); missing fields take
    their defaults. Blocks until the result is in; raises AtelierError (one clear line) and leaves the document
    untouched when anything fails. `on_progress(fraction, message)` is called from the client's reader thread.
    """
    if op is None:
        raise TypeError("run() needs an operation, e.g. run(doc, 'upscale', factor=2)")
    if document is None:
        from krita import Krita  # only here: everything else gets its Krita objects passed in
        document = Krita.instance().activeDocument()
    connection = connection or client_mod.shared()
    panel = connection.panel(op)
    prepared = prepare(document, panel, normalize_params(params), node)
    job = submit(connection, prepared, on_progress=on_progress)
    return finish(prepared, wait(job, timeout))
