"""Panel descriptors (docs/panels.md) as the add-on uses them. No bpy.

A descriptor is the dict the daemon sends, plus "available" / "unavailableReason" from the client. Field ids are
lower-case words joined by "-"; scripts may spell them with "_".
"""

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
        """The fields whose values are sent (source fields only say which pixels are used)."""
        return [f for f in self.fields if f.get("type") != SOURCE]

    def defaults(self):
        return dict((f["id"], f.get("default")) for f in self.value_fields())

    def requires_mask(self):
        """True when the panel cannot run without a selection (Retouch's mask), which Blender images lack."""
        for f in self.fields:
            allowed = f.get("allowed", [])
            if f.get("type") == SOURCE and "selection" in allowed and (f.get("required") or allowed == ["selection"]):
                return True
        return False

    def unavailable_message(self):
        return self.unavailable_reason or "%s is not available now" % self.title

    def image_name(self, values=None):
        """The new image's name: "Atelier Upscale", or "Atelier Img2Img: a cat" with a prompt."""
        prompt = (values or {}).get("prompt")
        name = "Atelier " + self.title
        if isinstance(prompt, str) and prompt.strip():
            line = " ".join(prompt.split())
            name += ": " + (line if len(line) <= 40 else line[:39] + "…")
        return name[:63]  # Blender's ID names hold 63 bytes


def find(panels, op):
    """The panel for a panel id, operation id or title (ignoring case and '_' vs '-'), or None."""
    key = str(op).strip().lower().replace("_", "-")
    for p in panels:
        if key in (p.id, p.operation, p.title.lower(), p.title.lower().replace(" ", "-")):
            return p
    return None


def normalize_params(params):
    """Script keyword names -> field ids (`line_weight` -> `line-weight`); None values are dropped (defaults)."""
    out = {}
    for key, value in (params or {}).items():
        if value is not None:
            out[str(key).replace("_", "-")] = value
    return out
