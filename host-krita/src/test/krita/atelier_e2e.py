"""Run inside real Krita by KritaEndToEndTest: kritarunner -s atelier_e2e -f main <config.json>.

Creates documents, calls atelier.run for every operation, dumps each new layer's pixels as raw RGBA files and
writes report.json; then os._exit(0), because kritarunner's exit code is always 0 otherwise.
"""

import json
import os
import time
import traceback


def main(args):
    config_path = args[0] if isinstance(args, (list, tuple)) else args
    with open(config_path, "r", encoding="utf-8") as f:
        cfg = json.load(f)
    out = cfg["out"]
    report = {"cases": {}, "fatal": None}
    try:
        run_cases(cfg, out, report)
    except Exception:  # noqa: BLE001 - reported to the Java test
        report["fatal"] = traceback.format_exc()
    with open(os.path.join(out, "report.json.tmp"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    os.replace(os.path.join(out, "report.json.tmp"), os.path.join(out, "report.json"))
    os._exit(0)


def run_cases(cfg, out, report):
    from krita import InfoObject, Krita, Selection

    import atelier
    from atelier import AtelierError
    from atelier import document as D
    from atelier.qt import qbytes

    report["atelier"] = atelier.__file__
    app = Krita.instance()

    def read(name):
        with open(os.path.join(cfg["in"], name), "rb") as f:
            return f.read()

    def new_doc(w, h, depth="U8", name="atelier-e2e"):
        return app.createDocument(w, h, name, "RGBA", depth, "", 72.0)

    def fill(node, rgba, x, y, w, h, depth="U8"):
        node.setPixelData(qbytes(D.from_rgba(rgba, depth)), x, y, w, h)

    def dump(node, name):
        b = node.bounds()
        x, y, w, h = b.x(), b.y(), b.width(), b.height()
        data = D.to_rgba(node.pixelData(x, y, w, h), node.colorDepth(), w, h)
        with open(os.path.join(out, name + ".rgba"), "wb") as f:
            f.write(data)
        return [x, y, w, h]

    def case(name, doc, op, node=None, **params):
        entry = {"layersBefore": D.layer_count(doc), "docBefore": [doc.width(), doc.height()]}
        started = time.time()
        try:
            new = atelier.run(doc, op, node=node, **params)
            entry.update(ok=True, name=new.name(), bounds=dump(new, name))
        except Exception as e:  # noqa: BLE001 - the report says what happened
            entry.update(ok=False, error=str(e), atelierError=isinstance(e, AtelierError),
                         errorName=getattr(e, "name", None), type=type(e).__name__)
        entry.update(layersAfter=D.layer_count(doc), docAfter=[doc.width(), doc.height()],
                     seconds=round(time.time() - started, 3))
        report["cases"][name] = entry

    # Document A: a 64x48 background and a 40x30 layer at (10, 6).
    a = new_doc(64, 48)
    fill(a.rootNode().childNodes()[0], read("bg.rgba"), 0, 0, 64, 48)
    top = a.createNode("top", "paintlayer")
    fill(top, read("top.rgba"), 10, 6, 40, 30)
    a.rootNode().addChildNode(top, None)
    a.refreshProjection()

    case("detect", a, "detect", node=top, mode="canny", low=100, high=200, line_weight=1.0)
    case("lineart", a, "detect", node=top, **{"mode": "lineart", "line-weight": 1.5})
    case("img2img", a, "img2img", node=top, prompt="a cat")
    case("img2img-batch", a, "img2img", node=top, prompt="a cat", batch_count=3)
    if report["cases"]["img2img-batch"].get("ok"):  # every layer's name, bottom to top, and the second image
        layers = top.parentNode().childNodes()
        report["cases"]["img2img-batch"]["names"] = [n.name() for n in layers]
        second = [n for n in layers if n.name() == "Atelier Img2Img 2/3: a cat"]
        if second:
            dump(second[0], "img2img-batch-2")
    case("retouch-no-selection", a, "retouch", node=top, prompt="sky")
    case("remove-background", a, "remove-background", node=top, background="white")
    case("prep-3d", a, "prep_3d", node=top, size=512)
    selection = Selection()
    selection.select(20, 10, 12, 8, 255)
    a.setSelection(selection)
    case("retouch", a, "retouch", node=top, prompt="sky", steps=2, seed=7)
    case("upscale", a, "upscale", node=top, factor=2, preset="precise")
    case("expand", a, "expand", node=top, right=32)  # last: it grows document A
    a.setBatchmode(True)
    report["exportA"] = a.exportImage(os.path.join(out, "docA.png"), InfoObject())

    # Document B: no active node (no view in kritarunner): the topmost layer is used.
    b = new_doc(32, 24)
    fill(b.rootNode().childNodes()[0], read("small.rgba"), 0, 0, 32, 24)
    case("default-node", b, "Upscale")

    # Document C: 16-bit integer RGBA, converted both ways.
    c = new_doc(32, 24, depth="U16")
    fill(c.rootNode().childNodes()[0], read("small.rgba"), 0, 0, 32, 24, depth="U16")
    case("u16", c, "detect", mode="canny")

    # Document E: an App (a workflow file in the daemon's studio folder), run by its id like any operation.
    e = new_doc(32, 24)
    fill(e.rootNode().childNodes()[0], read("small.rgba"), 0, 0, 32, 24)
    case("app", e, "edges-2x", factor="2", low=40)

    # Document D: 32-bit float is refused with a clear message.
    d = new_doc(16, 16, depth="F32")
    case("f32", d, "detect")
    for doc in (a, b, c, d, e):
        doc.setModified(False)
