"""Panel descriptors as the daemon sends them (subset of the built-in panels, docs/panels.md), for the tests."""

import copy


def _source(fid, allowed, required=False):
    return {"type": "source", "id": fid, "label": fid.title(), "allowed": allowed, "required": required,
            "default": allowed[0]}


def _slider(fid, lo, hi, step, default, integer=True):
    return {"type": "slider", "id": fid, "label": fid.title(), "help": "", "min": lo, "max": hi, "step": step,
            "integer": integer, "default": default}


UPSCALE = {
    "id": "upscale", "title": "Upscale", "description": "Enlarge the image 2, 4 or 8 times.", "operation": "upscale",
    "fields": [
        {"type": "choice", "id": "factor", "label": "Factor", "help": "How many times larger",
         "choices": [{"value": "2", "label": "2×"}, {"value": "4", "label": "4×"}, {"value": "8", "label": "8×"}],
         "default": "2"},
        {"type": "choice", "id": "preset", "label": "Preset", "help": "",
         "choices": [{"value": "precise", "label": "Precise"}, {"value": "balanced", "label": "Balanced"},
                     {"value": "creative", "label": "Creative"}], "default": "precise"},
    ],
    "presets": [{"id": "precise", "label": "Precise", "values": {"preset": "precise"}},
                {"id": "balanced", "label": "Balanced", "values": {"preset": "balanced"}},
                {"id": "creative", "label": "Creative", "values": {"preset": "creative"}}],
    "available": True, "unavailableReason": None,
}

DETECT = {
    "id": "detect", "title": "Detect", "description": "Edge, line, depth and pose maps.", "operation": "detect",
    "fields": [
        _source("image", ["layer"]),
        {"type": "choice", "id": "mode", "label": "Mode", "help": "",
         "choices": [{"value": "canny", "label": "Edges (Canny)"}, {"value": "lineart", "label": "Line art"}],
         "default": "canny"},
        _slider("low", 0, 255, 1, 100),
        _slider("high", 0, 255, 1, 200),
        _slider("line-weight", 0.3, 5, 0.1, 1, integer=False),
    ],
    "presets": [{"id": "fine-lines", "label": "Fine lines", "values": {"mode": "lineart", "line-weight": 0.6}}],
    "available": True, "unavailableReason": None,
}

RETOUCH = {
    "id": "retouch", "title": "Retouch", "description": "Repaint the selected area.", "operation": "retouch",
    "fields": [
        _source("image", ["layer"]),
        _source("mask", ["selection"], required=True),
        {"type": "multiline", "id": "prompt", "label": "Prompt", "help": "What to paint", "maxLength": 2000,
         "default": ""},
        _slider("grow", 0, 256, 1, 8),
        _slider("guidance", 1, 30, 0.5, 7, integer=False),
        {"type": "seed", "id": "seed", "label": "Seed", "help": "", "default": -1},
        {"type": "toggle", "id": "hires", "label": "Hi-res", "help": "", "default": False},
        {"type": "text", "id": "style", "label": "Style", "help": "", "maxLength": 20, "default": "plain"},
    ],
    "presets": [],
    "available": True, "unavailableReason": None,
}

EXPAND = {
    "id": "expand", "title": "Expand", "description": "Paint beyond the edges.", "operation": "expand",
    "fields": [_source("image", ["layer"]), _slider("left", 0, 4096, 1, 0), _slider("right", 0, 4096, 1, 256)],
    "presets": [], "available": True, "unavailableReason": None,
}

IMG2IMG_UNAVAILABLE = {
    "id": "img2img", "title": "Img2Img", "description": "", "operation": "img2img",
    "fields": [_source("image", ["layer"]),
               {"type": "multiline", "id": "prompt", "label": "Prompt", "maxLength": 2000, "default": ""}],
    "presets": [], "available": False, "unavailableReason": "Img2Img needs an engine that is not installed yet",
}


def all_panels():
    return copy.deepcopy([IMG2IMG_UNAVAILABLE, RETOUCH, EXPAND, UPSCALE, DETECT])
