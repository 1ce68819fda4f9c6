"""Krita glue: pixels in and out of a Krita document. Only this module (and the docker) touch Krita objects.

Everything here takes the Krita objects as arguments (Document, Node, Selection), so it runs against a stub in
the unit tests. Pixels: Krita's pixelData for 8-bit RGBA is B G R A per pixel; 16-bit integer RGBA is the same
order with little-endian 16-bit channels (converted to 8 bits for the daemon and back with v * 257); float and
non-RGB documents are refused with a message saying how to convert.
"""

from .atelier_client.pixels import bgra_to_rgba, rgba_to_bgra
from .errors import HostError

CONVERT_HINT = "convert it with Image ▸ Convert Image Color Space… to RGB/Alpha, 8-bit or 16-bit integer"
DEPTH_BYTES = {"U8": 1, "U16": 2}


def _qbytes(data):
    try:
        from .qt import qbytes
    except ImportError:  # unit tests without PyQt: the stub takes bytes
        return bytes(data)
    return qbytes(data)


class Source(object):
    """The pixels an operation reads: the node's content rectangle (image coordinates) as 8-bit RGBA."""

    def __init__(self, node, x, y, width, height, rgba):
        self.node = node
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.rgba = rgba
        self.placed = None  # (x, y) of the result layer once inserted

    def image(self):
        return (self.width, self.height, self.rgba)


def check_format(thing, what):
    model = thing.colorModel()
    depth = thing.colorDepth()
    if model != "RGBA":
        raise HostError("Atelier: %s is %s; only RGB/Alpha is supported — %s" % (what, _model_name(model),
                                                                                  CONVERT_HINT))
    if depth not in DEPTH_BYTES:
        kind = "floating-point" if depth.startswith("F") else depth
        raise HostError("Atelier: %s is %s (%s); %s" % (what, kind, depth, CONVERT_HINT))
    return depth


def _model_name(model):
    return {"GRAYA": "greyscale", "CMYKA": "CMYK", "LABA": "Lab", "XYZA": "XYZ", "YCbCrA": "YCbCr"}.get(
        model, model)


def to_rgba(data, depth, width, height):
    """Krita pixelData (BGRA, U8 or little-endian U16) -> RGBA8."""
    data = bytes(data)
    want = width * height * 4 * DEPTH_BYTES[depth]
    if len(data) != want:
        raise HostError("Atelier: Krita gave %d bytes for a %dx%d %s layer, expected %d"
                        % (len(data), width, height, depth, want))
    if depth == "U16":
        data = data[1::2]  # the high byte of each little-endian channel
    return bytes(bgra_to_rgba(data))


def from_rgba(rgba, depth):
    """RGBA8 -> Krita pixelData for a layer of `depth`."""
    bgra = bytes(rgba_to_bgra(rgba))
    if depth == "U8":
        return bgra
    wide = bytearray(len(bgra) * 2)
    wide[0::2] = bgra
    wide[1::2] = bgra  # v * 257: 0 -> 0, 255 -> 65535
    return bytes(wide)


def read_source(document, node=None):
    """The pixels of `node`, else the active node, else (no view) the topmost layer; refuses empty layers and
    unsupported formats."""
    if document is None:
        raise HostError("Atelier: no document is open")
    if node is None:
        node = document.activeNode()
    if node is None:  # no view (kritarunner, a document not shown yet): the topmost layer
        children = document.rootNode().childNodes()
        node = children[-1] if children else None
    if node is None:
        raise HostError("Atelier: no active layer; select a layer first")
    check_format(document, "this document")
    depth = check_format(node, "the layer '%s'" % node.name())
    bounds = node.bounds()
    x, y, w, h = bounds.x(), bounds.y(), bounds.width(), bounds.height()
    if w <= 0 or h <= 0:
        raise HostError("Atelier: the layer '%s' is empty; paint something on it first" % node.name())
    return Source(node, x, y, w, h, to_rgba(node.pixelData(x, y, w, h), depth, w, h))


def read_mask(document, source):
    """The selection over the source rectangle as a gray8 mask (255 = edit), or None without a selection."""
    selection = document.selection()
    if selection is None or selection.width() <= 0 or selection.height() <= 0:
        return None
    data = bytes(selection.pixelData(source.x, source.y, source.width, source.height))
    if len(data) != source.width * source.height:
        raise HostError("Atelier: Krita gave a %d-byte selection for a %dx%d area"
                        % (len(data), source.width, source.height))
    if not any(data):
        raise HostError("Atelier: the selection does not touch the layer '%s'" % source.node.name())
    return data


def insert_result(document, source, result, name, upscale=False):
    """Adds the result as a new paint layer above the source and returns it; existing layers keep their pixels.

    `name` is one name, or a list with one per image of a batch: each image becomes its own layer, the first on
    top (and returned), all at the same place. Upscale never resamples the artist's layers: the result opens as a
    new document of the enlarged size (with the layer at the source's scaled offset), shown in a view when Krita
    has a window. A result reaching outside the canvas (Expand) grows the canvas first; the old layers keep their
    pixels and place in the picture.
    """
    images = list(getattr(result, "images", None) or (result.image,))
    names = [name] if isinstance(name, str) else list(name)
    if len(names) != len(images):
        raise ValueError("%d layer names for %d images" % (len(names), len(images)))
    rw, rh = images[0][0], images[0][1]
    if upscale:
        factor = max(1, int(round(result.canvas_width / float(source.width))))
        x = source.x * factor + result.x
        y = source.y * factor + result.y
        target = _new_document(document, document.width() * factor, document.height() * factor, factor)
        source.placed = (x, y)
        nodes = [add_layer(target, n, image[2], x, y, rw, rh) for n, image in reversed(list(zip(names, images)))]
        _show(target)
        return nodes[-1]
    x = source.x + result.x
    y = source.y + result.y
    width, height = document.width(), document.height()
    min_x, min_y = min(0, x), min(0, y)
    max_x, max_y = max(width, x + rw), max(height, y + rh)
    if min_x < 0 or min_y < 0 or max_x > width or max_y > height:
        document.resizeImage(min_x, min_y, max_x - min_x, max_y - min_y)
        document.waitForDone()
        x -= min_x
        y -= min_y
    source.placed = (x, y)
    # Each layer goes straight above the source, under those added before it, so "1/N" (added first) ends on top.
    nodes = [add_layer(document, n, image[2], x, y, rw, rh, above=source.node) for n, image in zip(names, images)]
    return nodes[0]


def _new_document(document, width, height, factor):
    """A document for an upscaled result: same colour model, depth and profile, resolution scaled along."""
    from krita import Krita  # only the Krita glue imports krita
    name = "%s x%d" % (document.name() or "Atelier", factor)
    new = Krita.instance().createDocument(width, height, name, document.colorModel(), document.colorDepth(),
                                          document.colorProfile(), document.resolution() * factor)
    base = new.rootNode().childNodes()
    for node in base:  # createDocument adds an empty background layer; the result is the picture
        node.remove()
    return new


def _show(document):
    from krita import Krita
    window = Krita.instance().activeWindow()
    if window is not None:
        window.addView(document)


def add_layer(document, name, rgba, x, y, width, height, above=None):
    """A new paint layer with RGBA8 pixels at (x, y), above `above` (or on top); returns the node."""
    depth = check_format(document, "this document")
    node = document.createNode(name, "paintlayer")
    node.setPixelData(_qbytes(from_rgba(rgba, depth)), x, y, width, height)
    parent = above.parentNode() if above is not None else None
    if parent is None:  # no source node: on top of the image
        parent, above = document.rootNode(), None
    parent.addChildNode(node, above)
    document.refreshProjection()
    return node


def layer_count(document):
    """Every node below the root, groups included (for tests and reports)."""
    def count(node):
        return sum(1 + count(child) for child in node.childNodes())
    return count(document.rootNode())
