"""The built-in panel descriptors, written by BlenderPythonUnitTest (PanelJson of BuiltInPanels) to the file named
by ATELIER_PANELS_JSON; a small inline subset when run by hand without it."""

import json
import os

_SUBSET = [
    {"id": "upscale", "title": "Upscale", "description": "", "operation": "upscale", "fields": [
        {"type": "choice", "id": "factor", "label": "Factor", "help": "How many times larger",
         "choices": [{"value": "2", "label": "2×"}, {"value": "4", "label": "4×"}], "default": "2"}]},
    {"id": "detect", "title": "Detect", "description": "", "operation": "detect", "fields": [
        {"type": "slider", "id": "low", "label": "Low", "help": "", "min": 0, "max": 255, "step": 1,
         "integer": True, "default": 100},
        {"type": "slider", "id": "line-weight", "label": "Line weight", "help": "", "min": 0.5, "max": 4,
         "step": 0.1, "integer": False, "default": 1.0}]},
]


def descriptors():
    path = os.environ.get("ATELIER_PANELS_JSON")
    if not path:
        return [dict(d) for d in _SUBSET]
    with open(path, "r", encoding="utf-8") as f:
        return json.load(f)


def from_java():
    return bool(os.environ.get("ATELIER_PANELS_JSON"))
