"""A stand-in for Krita's `krita` module with just the API the plug-in uses (no Qt needed).

Pixels live in a dict per node, keyed by image coordinates, in Krita's layout (BGRA, 1 or 2 bytes a channel).
Call install() before importing atelier; it registers the module as `krita`.
"""

import sys
import types

BYTES = {"U8": 1, "U16": 2, "F16": 2, "F32": 4}


class Rect(object):
    def __init__(self, x, y, w, h):
        self._r = (x, y, w, h)

    def x(self):
        return self._r[0]

    def y(self):
        return self._r[1]

    def width(self):
        return self._r[2]

    def height(self):
        return self._r[3]

    def __repr__(self):
        return "Rect%r" % (self._r,)


class Node(object):
    def __init__(self, document, name, node_type="paintlayer", model=None, depth=None):
        self.document = document
        self._name = name
        self._type = node_type
        self._model = model
        self._depth = depth
        self.pixels = {}
        self.children = []
        self.parent = None

    def name(self):
        return self._name

    def type(self):
        return self._type

    def colorModel(self):
        return self._model or self.document.colorModel()

    def colorDepth(self):
        return self._depth or self.document.colorDepth()

    def bpp(self):
        return 4 * BYTES[self.colorDepth()]

    def pixelData(self, x, y, w, h):
        bpp = self.bpp()
        blank = bytes(bpp)
        out = bytearray()
        for yy in range(y, y + h):
            for xx in range(x, x + w):
                out += self.pixels.get((xx, yy), blank)
        return bytes(out)

    def setPixelData(self, data, x, y, w, h):
        data = bytes(data)
        bpp = self.bpp()
        assert len(data) == w * h * bpp, (len(data), w, h, bpp)
        for j in range(h):
            for i in range(w):
                k = (j * w + i) * bpp
                self.pixels[(x + i, y + j)] = data[k:k + bpp]
        return True

    def bounds(self):
        keys = [k for k, v in self.pixels.items() if any(v)]
        if not keys:
            return Rect(0, 0, 0, 0)
        xs = [k[0] for k in keys]
        ys = [k[1] for k in keys]
        return Rect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)

    def move_by(self, dx, dy):
        self.pixels = dict(((x + dx, y + dy), v) for (x, y), v in self.pixels.items())
        for c in self.children:
            c.move_by(dx, dy)

    def parentNode(self):
        return self.parent

    def childNodes(self):
        return list(self.children)

    def addChildNode(self, child, above):
        child.parent = self
        index = len(self.children) if above is None else self.children.index(above) + 1
        self.children.insert(index, child)
        return True


class Selection(object):
    def __init__(self, x, y, w, h, value=255):
        self._rect = (x, y, w, h)
        self.value = value

    def x(self):
        return self._rect[0]

    def y(self):
        return self._rect[1]

    def width(self):
        return self._rect[2]

    def height(self):
        return self._rect[3]

    def pixelData(self, x, y, w, h):
        sx, sy, sw, sh = self._rect
        out = bytearray(w * h)
        for j in range(h):
            for i in range(w):
                if sx <= x + i < sx + sw and sy <= y + j < sy + sh:
                    out[j * w + i] = self.value
        return bytes(out)


class Document(object):
    def __init__(self, width, height, model="RGBA", depth="U8"):
        self._w, self._h = width, height
        self._model, self._depth = model, depth
        self.root = Node(self, "root", "grouplayer")
        self.active = None
        self._selection = None
        self.calls = []

    def width(self):
        return self._w

    def height(self):
        return self._h

    def xRes(self):
        return 72.0

    def yRes(self):
        return 72.0

    def colorModel(self):
        return self._model

    def colorDepth(self):
        return self._depth

    def colorProfile(self):
        return ""

    def name(self):
        return "untitled"

    def resolution(self):
        return 72

    def rootNode(self):
        return self.root

    def activeNode(self):
        return self.active

    def setActiveNode(self, node):
        self.active = node

    def selection(self):
        return self._selection

    def setSelection(self, selection):
        self._selection = selection

    def createNode(self, name, node_type):
        return Node(self, name, node_type)

    def resizeImage(self, x, y, w, h):
        self.calls.append(("resizeImage", x, y, w, h))
        self.root.move_by(-x, -y)
        self._w, self._h = w, h

    def scaleImage(self, w, h, xres, yres, strategy):
        self.calls.append(("scaleImage", w, h, xres, yres, strategy))
        self._w, self._h = w, h  # the stub does not resample existing layers

    def waitForDone(self):
        self.calls.append(("waitForDone",))

    def refreshProjection(self):
        self.calls.append(("refreshProjection",))

    # test helpers ---------------------------------------------------------------------------------------------
    def add_layer(self, name, x, y, w, h, pixel_bytes):
        node = Node(self, name)
        node.setPixelData(pixel_bytes, x, y, w, h)
        self.root.addChildNode(node, None)
        self.active = node
        return node


class _Krita(object):
    _instance = None

    def __init__(self):
        self.documents_ = []
        self.active = None

    @classmethod
    def instance(cls):
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def activeDocument(self):
        return self.active

    def activeWindow(self):
        return None  # kritarunner has no window either

    def documents(self):
        return list(self.documents_)

    def createDocument(self, w, h, name, model, depth, profile, res):
        doc = Document(w, h, model, depth)
        self.documents_.append(doc)
        return doc


def install():
    module = types.ModuleType("krita")
    module.Krita = _Krita
    module.Document = Document
    module.Node = Node
    module.Selection = Selection
    sys.modules["krita"] = module
    return module
