"""atelier.run and the Krita glue against the stub `krita` module and a fake daemon client."""

import unittest

import fakes  # installs the fake krita module first
from fake_krita import Document, Selection

import atelier
from atelier import document as doc_mod
from atelier.atelier_client import AtelierError
from atelier.errors import HostError


def doc_with_layer(w=4, h=3, x=10, y=6, depth="U8", model="RGBA"):
    doc = Document(64, 48, model, depth)
    rgba = fakes.opaque(w, h)
    data = fakes.bgra(rgba)
    if depth == "U16":
        wide = bytearray(len(data) * 2)
        wide[0::2] = data
        wide[1::2] = data
        data = bytes(wide)
    elif depth == "F32":
        data = bytes(len(data) * 4)
        data = b"\x01" * len(data)
    doc.add_layer("top", x, y, w, h, data)
    return doc, rgba


class RunTest(unittest.TestCase):

    def setUp(self):
        self.client = fakes.FakeClient({
            "upscale": lambda p, img, m: fakes.result(img[0] * 2, img[1] * 2, bytes(img[0] * img[1] * 16),
                                                      cw=img[0] * 2, ch=img[1] * 2),
            "detect": lambda p, img, m: fakes.result(img[0], img[1], fakes.invert(img)),
            "retouch": lambda p, img, m: fakes.result(img[0], img[1], fakes.invert(img)),
            "expand": lambda p, img, m: fakes.result(img[0] + 8, img[1], fakes.opaque(img[0] + 8, img[1]), x=-16),
        })
        self.conn = fakes.connection(self.client)

    def test_reads_bgra_as_rgba_and_inserts_result_above_at_offset(self):
        doc, rgba = doc_with_layer()
        source = doc.active
        progress = []
        node = atelier.run(doc, "detect", connection=self.conn, on_progress=lambda f, m: progress.append((f, m)))
        self.assertEqual((4, 3, rgba), self.client.submits[0]["image"])
        self.assertIsNone(self.client.submits[0]["mask"])
        self.assertEqual("Atelier Detect", node.name())
        self.assertEqual([source, node], doc.root.childNodes())
        b = node.bounds()
        self.assertEqual((10, 6, 4, 3), (b.x(), b.y(), b.width(), b.height()))
        self.assertEqual(fakes.bgra(fakes.invert((4, 3, rgba))), node.pixelData(10, 6, 4, 3))
        self.assertEqual(fakes.bgra(rgba), source.pixelData(10, 6, 4, 3))  # the source is untouched
        self.assertEqual([(0.5, "half way")], progress)

    def test_underscores_become_dashes_and_none_is_dropped(self):
        doc, _ = doc_with_layer()
        atelier.run(doc, "detect", connection=self.conn, line_weight=1.5, mode="lineart", low=None,
                    **{"high": 180})
        self.assertEqual({"line-weight": 1.5, "mode": "lineart", "high": 180}, self.client.submits[0]["params"])

    def test_upscale_opens_a_new_document_and_leaves_the_original_alone(self):
        doc, _ = doc_with_layer()
        node = atelier.run(doc, "upscale", connection=self.conn, factor=2)
        self.assertEqual([], [c for c in doc.calls if c[0] in ("scaleImage", "resizeImage")])
        self.assertEqual((64, 48), (doc.width(), doc.height()))
        self.assertEqual(1, len(doc.root.childNodes()))
        new = node.document
        self.assertIsNot(doc, new)
        self.assertEqual((128, 96), (new.width(), new.height()))
        self.assertEqual("Atelier Upscale", node.name())
        self.assertEqual(bytes(8 * 6 * 4), node.pixelData(20, 12, 8, 6))
        self.assertEqual(1, len(new.root.childNodes()))

    def test_expand_grows_the_canvas_first(self):
        doc, _ = doc_with_layer(x=4, y=6)
        source = doc.active
        node = atelier.run(doc, "expand", connection=self.conn, left=16)
        self.assertIn(("resizeImage", -12, 0, 76, 48), doc.calls)
        b = node.bounds()
        self.assertEqual((0, 6, 12, 3), (b.x(), b.y(), b.width(), b.height()))
        sb = source.bounds()
        self.assertEqual((16, 6), (sb.x(), sb.y()))  # moved with the canvas, pixels unchanged

    def test_a_batch_adds_one_layer_per_image_first_on_top_after_one_resize(self):
        self.client.handlers["expand"] = lambda p, img, m: fakes.result(
            img[0] + 8, img[1], fakes.opaque(img[0] + 8, img[1], 1), x=-16,
            variations=[fakes.opaque(img[0] + 8, img[1], 2), fakes.opaque(img[0] + 8, img[1], 3)])
        doc, rgba = doc_with_layer()
        source = doc.active
        node = atelier.run(doc, "expand", connection=self.conn)
        layers = doc.root.childNodes()
        self.assertEqual(["top", "Atelier Expand 3/3", "Atelier Expand 2/3", "Atelier Expand 1/3"],
                         [n.name() for n in layers])
        self.assertIs(node, layers[-1])
        self.assertEqual([("resizeImage", -6, 0, 70, 48)], [c for c in doc.calls if c[0] == "resizeImage"])
        for k, layer in enumerate(reversed(layers[1:])):
            b = layer.bounds()
            self.assertEqual((0, 6, 12, 3), (b.x(), b.y(), b.width(), b.height()))
            self.assertEqual(fakes.bgra(fakes.opaque(12, 3, k + 1)), layer.pixelData(0, 6, 12, 3), "image %d" % k)
        self.assertEqual(fakes.bgra(rgba), source.pixelData(16, 6, 4, 3))  # the source moved with the canvas

    def test_retouch_needs_a_selection_and_changes_nothing_without_one(self):
        doc, _ = doc_with_layer()
        with self.assertRaises(HostError) as e:
            atelier.run(doc, "retouch", connection=self.conn, prompt="sky")
        self.assertEqual("Atelier: Retouch needs a selection; select the area to repaint first", str(e.exception))
        self.assertEqual("MASK_REQUIRED", e.exception.name)
        self.assertIsInstance(e.exception, AtelierError)
        self.assertEqual([], self.client.submits)
        self.assertEqual(1, len(doc.root.childNodes()))

    def test_retouch_sends_the_selection_over_the_layer_as_mask(self):
        doc, _ = doc_with_layer()
        doc.setSelection(Selection(11, 7, 2, 5))
        node = atelier.run(doc, "retouch", connection=self.conn, prompt="a  red\nsky")
        mask = self.client.submits[0]["mask"]
        self.assertEqual(4, mask[0])
        self.assertEqual(3, mask[1])
        self.assertEqual(bytes([0, 0, 0, 0] + [0, 255, 255, 0] * 2), mask[2])  # rows y = 6, 7, 8
        self.assertEqual("Atelier Retouch: a red sky", node.name())

    def test_a_selection_away_from_the_layer_is_refused(self):
        doc, _ = doc_with_layer()
        doc.setSelection(Selection(40, 40, 2, 2))
        with self.assertRaises(HostError) as e:
            atelier.run(doc, "retouch", connection=self.conn)
        self.assertIn("does not touch the layer 'top'", str(e.exception))

    def test_unavailable_panel_raises_its_reason_without_submitting(self):
        doc, _ = doc_with_layer()
        with self.assertRaises(AtelierError) as e:
            atelier.run(doc, "img2img", connection=self.conn, prompt="cat")
        self.assertEqual("Atelier: Img2Img needs an engine that is not installed yet", str(e.exception))
        self.assertEqual(202, e.exception.code)
        self.assertEqual([], self.client.submits)
        self.assertEqual(1, len(doc.root.childNodes()))

    def test_daemon_failure_leaves_the_document_alone(self):
        self.client.handlers["detect"] = lambda p, i, m: AtelierError(300, "engine broke", "ENGINE_FAILURE")
        doc, _ = doc_with_layer()
        with self.assertRaises(AtelierError) as e:
            atelier.run(doc, "detect", connection=self.conn)
        self.assertEqual("engine broke", str(e.exception))
        self.assertEqual(1, len(doc.root.childNodes()))
        self.assertEqual([], [c for c in doc.calls if c[0] != "refreshProjection"])

    def test_unknown_operation_lists_the_known_ones(self):
        doc, _ = doc_with_layer()
        with self.assertRaises(AtelierError) as e:
            atelier.run(doc, "sharpen", connection=self.conn)
        self.assertEqual("Atelier: unknown operation 'sharpen'; known: img2img, retouch, expand, upscale, detect",
                         str(e.exception))

    def test_sixteen_bit_documents_are_converted_both_ways(self):
        doc, rgba = doc_with_layer(depth="U16")
        node = atelier.run(doc, "detect", connection=self.conn)
        self.assertEqual((4, 3, rgba), self.client.submits[0]["image"])
        data = node.pixelData(10, 6, 4, 3)
        self.assertEqual(4 * 3 * 8, len(data))
        expected = fakes.bgra(fakes.invert((4, 3, rgba)))
        self.assertEqual(expected, data[1::2])
        self.assertEqual(expected, data[0::2])  # v * 257

    def test_float_greyscale_and_empty_layers_are_refused_clearly(self):
        doc, _ = doc_with_layer(depth="F32")
        with self.assertRaises(HostError) as e:
            atelier.run(doc, "detect", connection=self.conn)
        self.assertIn("this document is floating-point (F32); convert it with Image ▸ Convert Image Color Space",
                      str(e.exception))
        grey = Document(8, 8, "GRAYA", "U8")
        grey.add_layer("g", 0, 0, 1, 1, b"\x01\x02\x03\xff")
        with self.assertRaises(HostError) as e:
            atelier.run(grey, "detect", connection=self.conn)
        self.assertIn("this document is greyscale; only RGB/Alpha is supported", str(e.exception))
        empty = Document(8, 8)
        empty.add_layer("blank", 0, 0, 2, 2, bytes(16))
        with self.assertRaises(HostError) as e:
            atelier.run(empty, "detect", connection=self.conn)
        self.assertEqual("Atelier: the layer 'blank' is empty; paint something on it first", str(e.exception))
        self.assertEqual([], self.client.submits)

    def test_explicit_node_and_layer_count(self):
        doc, _ = doc_with_layer()
        bottom = doc.root.childNodes()[0]
        doc.add_layer("other", 0, 0, 2, 2, fakes.bgra(fakes.opaque(2, 2)))
        node = atelier.run(doc, "detect", node=bottom, connection=self.conn)
        self.assertEqual([bottom, node, doc.active], doc.root.childNodes())
        self.assertEqual(3, doc_mod.layer_count(doc))

    def test_without_an_active_node_the_topmost_layer_is_used(self):
        doc, _ = doc_with_layer()
        top = doc.active
        doc.active = None
        atelier.run(doc, "detect", connection=self.conn)
        self.assertEqual(top, doc.root.childNodes()[0])
        self.assertEqual(2, len(doc.root.childNodes()))
        self.assertEqual(4, self.client.submits[0]["image"][0])

    def test_no_document(self):
        with self.assertRaises(HostError) as e:
            atelier.run(None, "detect", connection=self.conn)
        self.assertEqual("Atelier: no document is open", str(e.exception))


class ConnectionTest(unittest.TestCase):

    def test_failing_start_says_what_to_do(self):
        from atelier.client import Connection
        from atelier.settings import Settings

        def refuse(**kw):
            raise AtelierError(306, "No Atelier daemon answers on /x.sock", "DAEMON_UNAVAILABLE")
        conn = Connection(lambda: Settings([], "/x.sock"), connect=refuse)
        import shutil
        which, shutil.which = shutil.which, lambda name: None
        try:
            with self.assertRaises(AtelierError) as e:
                conn.panels()
        finally:
            shutil.which = which
        self.assertEqual("DAEMON_UNAVAILABLE", e.exception.name)
        self.assertIn("could not reach or start the daemon (No Atelier daemon answers on /x.sock)", str(e.exception))
        self.assertIn("bin/atelier install --host krita", str(e.exception))

    def test_launcher_is_passed_and_panels_cached(self):
        from atelier.client import Connection
        from atelier.settings import Settings
        seen = []
        client = fakes.FakeClient()

        def connect(**kw):
            seen.append(kw)
            return client
        conn = Connection(lambda: Settings(["java", "-jar", "a.jar", "daemon"], "/s.sock"), connect=connect)
        self.assertEqual(5, len(conn.panels()))
        conn.panels()
        self.assertEqual(1, len(seen))
        self.assertEqual(["java", "-jar", "a.jar", "daemon"], seen[0]["launcher"])
        self.assertEqual("/s.sock", seen[0]["socket_path"])
        self.assertEqual("atelier-krita", seen[0]["client_name"])
        conn.reset()
        self.assertTrue(client.closed)


if __name__ == "__main__":
    unittest.main()
