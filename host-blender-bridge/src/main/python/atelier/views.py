"""Prep for 3D's glue that needs no bpy: the named views, where the camera goes for each, the sidecar
``views.json`` the CLI reads, and the CLI command. The cropping, centring, padding, sheet and manifest are the
Atelier CLI's work (``atelier run prep-3d --input DIR --output DIR``), not the add-on's.

Angles are in degrees. Azimuth turns around the world Z axis from the front (the -Y side, Blender's Front view)
towards the right (+X, Blender's Right view); elevation lifts the camera above the horizon.
"""

import math

VIEWS = {
    "front": (0.0, 0.0),
    "right": (90.0, 0.0),
    "back": (180.0, 0.0),
    "left": (270.0, 0.0),
    "top": (0.0, 90.0),
    "three-quarter": (45.0, 20.0),
}
ORDER = ["front", "right", "back", "left", "top", "three-quarter"]
PAD = 1.1  # the bounding sphere fills 1/PAD of the frame: the CLI crops to the alpha box anyway


def view(name):
    key = str(name).strip().lower().replace("_", "-").replace(" ", "-")
    if key not in VIEWS:
        raise ValueError("unknown view '%s'; known: %s" % (name, ", ".join(ORDER)))
    return key, VIEWS[key]


def normalize_views(views):
    """Names -> [(name, azimuth, elevation)] in the order given, without repeats; default the four sides."""
    out, seen = [], set()
    for v in (views or ["front", "right", "back", "left"]):
        key, (az, el) = view(v)
        if key not in seen:
            seen.add(key)
            out.append((key, az, el))
    if not out:
        raise ValueError("no views to render")
    return out


def _sub(a, b):
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _cross(a, b):
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _unit(a):
    n = math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2])
    return (a[0] / n, a[1] / n, a[2] / n)


def bounds(corners):
    """World-space corners -> (centre of the box, radius of the sphere around the box)."""
    lo = [min(c[i] for c in corners) for i in range(3)]
    hi = [max(c[i] for c in corners) for i in range(3)]
    centre = tuple((lo[i] + hi[i]) / 2.0 for i in range(3))
    radius = max(math.sqrt(sum((c[i] - centre[i]) ** 2 for i in range(3))) for c in corners)
    return centre, max(radius, 1e-4)


def camera(centre, radius, azimuth, elevation, orthographic=True, fov=math.radians(39.6)):
    """Where the camera goes: {"matrix": 4x4 rows (world), "ortho_scale", "clip_start", "clip_end", "distance"}.

    The camera looks at the centre; the picture's up is world +Z (for the top view: away from the front).
    """
    az, el = math.radians(azimuth), math.radians(elevation)
    d = (math.sin(az) * math.cos(el), -math.cos(az) * math.cos(el), math.sin(el))  # centre -> camera
    if orthographic:
        distance = radius * 3.0
    else:
        distance = radius * PAD / math.sin(fov / 2.0)
    pos = tuple(centre[i] + d[i] * distance for i in range(3))
    f = _unit(_sub(centre, pos))
    up = (0.0, 0.0, 1.0) if abs(math.cos(el)) > 1e-6 else (-math.sin(az), math.cos(az), 0.0)
    right = _unit(_cross(f, up))
    u = _cross(right, f)
    back = (-f[0], -f[1], -f[2])
    m = [[right[i], u[i], back[i], pos[i]] for i in range(3)] + [[0.0, 0.0, 0.0, 1.0]]
    return {"matrix": m, "ortho_scale": 2.0 * radius * PAD, "distance": distance,
            "clip_start": max(1e-4, (distance - radius) * 0.5), "clip_end": distance + radius * 2.0}


def sidecar(views):
    """The ``renders/views.json`` content for [(name, azimuth, elevation)]."""
    return {"views": [{"file": name + ".png", "name": name, "azimuth": az, "elevation": el}
                      for name, az, el in views]}


def _text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def cli_command(cli, renders_dir, out_dir, params=None):
    """``<cli> run prep-3d --input <renders> --output <out> [--set k=v ...]`` (params by field id)."""
    cmd = list(cli) + ["run", "prep-3d", "--input", renders_dir, "--output", out_dir]
    for key, value in sorted((params or {}).items()):
        if value is not None:
            cmd += ["--set", "%s=%s" % (str(key).replace("_", "-"), _text(value))]
    return cmd
