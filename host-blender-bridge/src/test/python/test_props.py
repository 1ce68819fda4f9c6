"""Panel descriptors -> Blender property specs and names (atelier.props), for every built-in panel. The panel model
itself is atelier_client's, tested in plugin-core."""

import unittest

import builtin
from atelier import props
from atelier.atelier_client.panels import Panel, find

KINDS = {"StringProperty", "IntProperty", "FloatProperty", "EnumProperty", "BoolProperty"}


class Group(object):
    """Stands in for a PropertyGroup instance: the attributes hold each property's default."""

    def __init__(self, specs):
        for attr, kind, kw in specs:
            setattr(self, attr, kw["default"])


class PropsTest(unittest.TestCase):
    def setUp(self):
        self.panels = [Panel(d) for d in builtin.descriptors()]

    def test_every_field_but_sources_gets_a_valid_property(self):
        for panel in self.panels:
            specs = props.property_specs(panel)
            self.assertEqual([s[0] for s in specs], [props.attribute(f["id"]) for f in panel.value_fields()])
            for attr, kind, kw in specs:
                self.assertIn(kind, KINDS)
                self.assertTrue(attr.isidentifier(), attr)
                if kind == "EnumProperty":
                    self.assertIn(kw["default"], [i[0] for i in kw["items"]])
                if kind in ("IntProperty", "FloatProperty"):
                    self.assertLessEqual(kw["min"], kw["default"])
                    self.assertLessEqual(kw["default"], kw["max"])
                    self.assertLessEqual(kw["max"], props.INT32_MAX)

    def test_defaults_read_back_are_the_descriptor_defaults(self):
        for panel in self.panels:
            values = props.values_from(panel, Group(props.property_specs(panel)))
            expected = panel.defaults()
            for fid, v in expected.items():
                if isinstance(v, float) or isinstance(values[fid], float):
                    self.assertAlmostEqual(values[fid], v, places=6)
                else:
                    self.assertEqual(values[fid], v, "%s.%s" % (panel.id, fid))

    def test_field_kinds(self):
        detect = find(self.panels, "detect")
        specs = dict((a, (k, kw)) for a, k, kw in props.property_specs(detect))
        self.assertEqual(specs["f_low"][0], "IntProperty")
        kind, kw = specs["f_line_weight"]
        self.assertEqual(kind, "FloatProperty")
        self.assertEqual(kw["step"], 10)  # 0.1 in Blender's hundredths
        self.assertEqual(kw["precision"], 1)
        kind, kw = props.spec({"type": "seed", "id": "seed", "label": "Seed", "default": -1})
        self.assertEqual((kind, kw["min"], kw["max"]), ("IntProperty", -1, 2 ** 31 - 1))
        self.assertIsNone(props.spec({"type": "source", "id": "mask", "allowed": ["selection"], "default": "selection"}))
        kind, kw = props.spec({"type": "multiline", "id": "prompt", "label": "Prompt", "maxLength": 1000, "default": ""})
        self.assertEqual((kind, kw["maxlen"]), ("StringProperty", 1000))
        self.assertEqual(props.spec({"type": "toggle", "id": "t", "label": "T", "default": True})[0], "BoolProperty")
        self.assertEqual(props.spec({"type": "dial", "id": "d", "label": "D", "default": 3})[0], "StringProperty")

    def test_class_names_are_blender_identifiers(self):
        for panel in self.panels:
            self.assertTrue(props.class_name(panel.id).isidentifier())
            self.assertTrue(props.class_name(panel.id).startswith("ATELIER_PG_"))

    def test_builtin_panels_are_all_there(self):
        if not builtin.from_java():
            self.skipTest("run from BlenderPythonUnitTest for the built-in panels")
        self.assertEqual([p.id for p in self.panels],
                         ["img2img", "retouch", "expand", "upscale", "remove-background", "detect", "prep-3d"])
        self.assertTrue(find(self.panels, "retouch").requires_selection())
        self.assertFalse(find(self.panels, "upscale").requires_selection())


class NamesTest(unittest.TestCase):
    def test_image_names_fit_blender_ids(self):
        p = Panel({"id": "img2img", "title": "Img2Img", "operation": "img2img", "fields": []})
        self.assertEqual(props.image_name(p, {"prompt": "  a   cat "}), "Atelier Img2Img: a cat")
        self.assertEqual(props.image_name(p, {}), "Atelier Img2Img")
        self.assertEqual(props.image_name(p), "Atelier Img2Img")
        self.assertEqual(len(props.image_name(p, {"prompt": "x" * 200})), 57)
        long_title = Panel({"id": "x", "title": "T" * 80})
        self.assertEqual(props.image_name(long_title), ("Atelier " + "T" * 80)[:63])

    def test_a_batch_numbers_its_images_before_the_prompt(self):
        p = Panel({"id": "img2img", "title": "Img2Img", "operation": "img2img", "fields": []})
        self.assertEqual(["Atelier Img2Img 1/2: a cat", "Atelier Img2Img 2/2: a cat"],
                         props.image_names(p, {"prompt": "a cat"}, 2))
        self.assertEqual(["Atelier Img2Img"], props.image_names(p, {}, 1))
        long = props.image_names(p, {"prompt": "x" * 200}, 8)
        self.assertEqual([61] * 8, [len(n) for n in long])  # 57 as one image, plus " k/N"
        self.assertTrue(long[7].startswith("Atelier Img2Img 8/8: xxx"), long[7])


if __name__ == "__main__":
    unittest.main()
