"""How the docker shows panel descriptors (docs/panels.md). No Krita, no Qt.

The panel model itself (``Panel``, ``find``, ``normalize_params``, ``slider_decimals``) is the bundled
``atelier_client.panels``'.
"""

from .atelier_client.panels import SOURCE


def describe_source(field):
    """What a source field means for the user, e.g. 'Uses the selection (required)'."""
    names = {"layer": "the active layer", "selection": "the selection", "visible": "the visible image"}
    allowed = [names.get(a, a) for a in field.get("allowed", [])]
    text = "Uses " + (" or ".join(allowed) if allowed else "the active layer")
    if field.get("required"):
        text += " (required)"
    return text


def widget_kind(field):
    """How the docker shows a field: line, text, int-slider, float-spin, combo, check, seed or label."""
    kind = field.get("type")
    if kind == "text":
        return "line"
    if kind == "multiline":
        return "text"
    if kind == "slider":
        return "int-slider" if field.get("integer") else "float-spin"
    if kind == "choice":
        return "combo"
    if kind == "toggle":
        return "check"
    if kind == "seed":
        return "seed"
    if kind == SOURCE:
        return "label"
    return "line"  # an unknown type from a newer daemon: a text box the daemon will validate
