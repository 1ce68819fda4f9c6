"""Panel descriptor fields -> Blender property specifications, and back. No bpy.

``property_specs(panel)`` returns ``[(attribute, kind, kwargs)]`` where kind names a ``bpy.props`` function
(``StringProperty``, ``IntProperty``, ``FloatProperty``, ``EnumProperty``, ``BoolProperty``); the UI module
turns these into a PropertyGroup per panel. Source fields get no property (the image shown is the source).
Blender attribute names cannot hold "-", so ``line-weight`` becomes ``line_weight``.
"""

from .atelier_client.panels import slider_decimals

INT32_MAX = 2 ** 31 - 1
ID_NAME_MAX = 63  # Blender's ID names hold 63 bytes


def attribute(field_id):
    return "f_" + field_id.replace("-", "_")


def spec(field):
    """(kind, kwargs) for one field, or None for fields without a property (source)."""
    kind = field.get("type")
    common = {"name": field.get("label", field["id"]), "description": field.get("help", "")}
    default = field.get("default")
    if kind in ("text", "multiline"):
        kw = dict(common, default=str(default or ""))
        if field.get("maxLength"):
            kw["maxlen"] = int(field["maxLength"])
        return "StringProperty", kw
    if kind == "slider":
        lo, hi = field.get("min", 0), field.get("max", 1)
        if field.get("integer"):
            step = max(1, int(field.get("step", 1) or 1))
            return "IntProperty", dict(common, default=int(default), min=int(lo), max=int(hi), step=step)
        # FloatProperty's step is in hundredths of a unit.
        return "FloatProperty", dict(common, default=float(default), min=float(lo), max=float(hi),
                                     step=max(1, int(round(float(field.get("step", 0.01)) * 100))),
                                     precision=slider_decimals(field))
    if kind == "choice":
        items = [(str(c["value"]), str(c.get("label", c["value"])), "") for c in field.get("choices", [])]
        return "EnumProperty", dict(common, items=items, default=str(default))
    if kind == "toggle":
        return "BoolProperty", dict(common, default=bool(default))
    if kind == "seed":
        return "IntProperty", dict(common, default=int(default), min=-1, max=INT32_MAX)
    if kind == "source":
        return None
    return "StringProperty", dict(common, default="" if default is None else str(default))  # newer daemon


def property_specs(panel):
    out = []
    for f in panel.fields:
        s = spec(f)
        if s is not None:
            out.append((attribute(f["id"]), s[0], s[1]))
    return out


def values_from(panel, group):
    """The panel's field values read from a PropertyGroup instance (any object with the attributes)."""
    values = {}
    for f in panel.value_fields():
        name = attribute(f["id"])
        if not hasattr(group, name):
            continue
        v = getattr(group, name)
        if f.get("type") == "choice":
            v = str(v)
        values[f["id"]] = v
    return values


def class_name(panel_id):
    """A Blender class name (letters, digits, '_') for a panel's PropertyGroup."""
    return "ATELIER_PG_" + "".join(c if c.isalnum() else "_" for c in panel_id)


def image_name(panel, values=None):
    """The new image's name: "Atelier Upscale", or "Atelier Img2Img: a cat" with a prompt."""
    return panel.result_name(values)[:ID_NAME_MAX]


def image_names(panel, values=None, count=1):
    """One name per image of a result: ``image_name``, or "Atelier Img2Img 2/3: a cat" in a batch (the number
    comes before the prompt, so a long prompt is what gets cut)."""
    return [n[:ID_NAME_MAX] for n in panel.result_names(values, count)]
