"""Panel descriptors (docs/panels.md) as the add-ons use them: the model behind the Krita docker and the Blender
sidebar, and the scripting API's operation lookup. No host modules (no Krita, Qt or bpy).

A descriptor is the dict the daemon sends (plus "available" / "unavailableReason" from the client). Field ids
are lower-case words joined by "-"; scripts may spell them with "_" instead.
"""

__all__ = ["SOURCE", "Panel", "find", "normalize_params", "slider_decimals"]

SOURCE = "source"


class Panel(object):
    def __init__(self, descriptor):
        self.descriptor = descriptor
        self.id = descriptor["id"]
        self.title = descriptor.get("title", self.id)
        self.description = descriptor.get("description", "")
        self.operation = descriptor.get("operation", self.id)
        self.fields = list(descriptor.get("fields", []))
        self.presets = list(descriptor.get("presets", []))
        self.available = bool(descriptor.get("available", True))
        self.unavailable_reason = descriptor.get("unavailableReason") or ""

    def __repr__(self):
        return "Panel(%r)" % self.id

    def field(self, field_id):
        for f in self.fields:
            if f["id"] == field_id:
                return f
        return None

    def value_fields(self):
        """Fields whose values are sent (every field but the source fields, which say which pixels are used)."""
        return [f for f in self.fields if f.get("type") != SOURCE]

    def source_fields(self):
        return [f for f in self.fields if f.get("type") == SOURCE]

    def defaults(self):
        return dict((f["id"], f.get("default")) for f in self.value_fields())

    def uses_selection(self):
        """True when a source field takes the selection (it is sent as the mask)."""
        return any("selection" in f.get("allowed", []) for f in self.source_fields())

    def requires_selection(self):
        """True when the panel cannot run without a selection (Retouch's mask)."""
        for f in self.source_fields():
            allowed = f.get("allowed", [])
            # An explicit "required" wins (Expand's optional selection); without one, selection-only means needed.
            if "selection" in allowed and f.get("required", allowed == ["selection"]):
                return True
        return False

    def is_upscale(self):
        return self.operation == "upscale"

    def preset(self, preset_id_or_label):
        key = str(preset_id_or_label).lower()
        for p in self.presets:
            if p.get("id", "").lower() == key or p.get("label", "").lower() == key:
                return p
        return None

    def unavailable_message(self):
        return self.unavailable_reason or "%s is not available now" % self.title

    def result_name(self, values=None):
        """The name of a job's result (a Krita layer, a Blender image): "Atelier Upscale", or
        "Atelier Img2Img: a cat" with a prompt (on one line, at most 40 characters of it)."""
        prompt = (values or {}).get("prompt")
        name = "Atelier " + self.title
        if isinstance(prompt, str) and prompt.strip():
            line = " ".join(prompt.split())
            name += ": " + (line if len(line) <= 40 else line[:39] + "…")
        return name

    def result_names(self, values=None, count=1):
        """One name per image of a result: ``result_name`` alone, or for a batch "Atelier Img2Img 1/3: a cat",
        "Atelier Img2Img 2/3: a cat", ... (the number after the title, before the prompt)."""
        return [numbered(self.result_name(values), k, count) for k in range(count)]


def numbered(name, index, count):
    """``name`` for image ``index`` (0-based) of ``count``: unchanged for one image, else with "k/N" after the
    title ("Atelier Retouch 2/4", "Atelier Img2Img 2/4: a cat")."""
    if count <= 1:
        return name
    tag = " %d/%d" % (index + 1, count)
    head, sep, tail = name.partition(": ")
    return head + tag + sep + tail


def find(panels, op):
    """The panel for a panel id, an operation id or a title (ignoring case and '_' vs '-'), or None."""
    key = str(op).strip().lower().replace("_", "-")
    for p in panels:
        if key in (p.id, p.operation, p.title.lower(), p.title.lower().replace(" ", "-")):
            return p
    return None


def normalize_params(params):
    """Script keyword names -> field ids: `line_weight` -> `line-weight`; None values are dropped (defaults)."""
    out = {}
    for key, value in (params or {}).items():
        if value is None:
            continue
        out[str(key).replace("_", "-")] = value
    return out


def slider_decimals(field):
    """Decimal places a slider needs to show its step (0 for integer sliders)."""
    if field.get("integer"):
        return 0
    step = float(field.get("step", 1) or 1)
    decimals = 0
    while decimals < 6 and abs(round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9:
        decimals += 1
    return max(decimals, 1)
