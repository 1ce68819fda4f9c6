"""Prep for 3D in Blender (bpy): render the object from chosen views with a transparent film, write
``renders/views.json``, run ``atelier run prep-3d --input renders --output OUT`` (the CLI crops, centres, pads and
writes the sheet and manifest), then load the package's images. Only the Blender glue lives here."""

import json
import math
import os
import subprocess
import tempfile

import bpy
from mathutils import Matrix, Vector

from . import images
from . import settings as settings_mod
from . import views as views_mod
from .atelier_client.panels import normalize_params
from .connection import HostError, message_of

CAMERA_NAME = "Atelier Prep 3D camera"


def default_out_dir():
    if bpy.data.filepath:
        return bpy.path.abspath("//atelier-prep-3d")
    return tempfile.mkdtemp(prefix="atelier-prep-3d-")


def _family(obj):
    out = [obj]
    for child in obj.children:
        out.extend(_family(child))
    return out


def _corners(objs):
    corners = []
    for o in objs:
        if o.type in ("MESH", "CURVE", "SURFACE", "META", "FONT", "VOLUME", "GPENCIL", "POINTCLOUD", "CURVES"):
            corners.extend(tuple(o.matrix_world @ Vector(c)) for c in o.bound_box)
    if not corners:
        raise HostError("Atelier: '%s' has no geometry to render" % objs[0].name, 207, "BAD_REQUEST")
    return corners


def render_views(obj, views, renders_dir, resolution=512, orthographic=True, isolate=True, scene=None):
    """Renders `obj` from each (name, azimuth, elevation) into renders_dir/<name>.png and writes views.json;
    the scene's settings, camera and visibility are restored afterwards. Returns the sidecar path."""
    scene = scene or bpy.context.scene
    family = _family(obj)
    centre, radius = views_mod.bounds(_corners(family))
    os.makedirs(renders_dir, exist_ok=True)
    r = scene.render
    im = r.image_settings
    saved = dict(camera=scene.camera, x=r.resolution_x, y=r.resolution_y, pct=r.resolution_percentage,
                 film=r.film_transparent, path=r.filepath, fmt=im.file_format, mode=im.color_mode,
                 depth=im.color_depth, aspect=(r.pixel_aspect_x, r.pixel_aspect_y))
    hidden = []
    if isolate:
        keep = set(o.name for o in family)
        for o in scene.objects:
            if o.name not in keep and o.type not in ("LIGHT", "CAMERA") and not o.hide_render:
                o.hide_render = True
                hidden.append(o)
    cam_data = bpy.data.cameras.new(CAMERA_NAME)
    cam = bpy.data.objects.new(CAMERA_NAME, cam_data)
    scene.collection.objects.link(cam)
    try:
        r.resolution_x = r.resolution_y = int(resolution)
        r.resolution_percentage = 100
        r.pixel_aspect_x = r.pixel_aspect_y = 1.0
        r.film_transparent = True
        im.file_format, im.color_mode, im.color_depth = "PNG", "RGBA", "8"
        cam_data.type = "ORTHO" if orthographic else "PERSP"
        cam_data.sensor_fit = "AUTO"
        fov = math.radians(39.6)
        cam_data.angle = fov
        scene.camera = cam
        for name, az, el in views:
            place = views_mod.camera(centre, radius, az, el, orthographic, fov)
            cam.matrix_world = Matrix(place["matrix"])
            cam_data.ortho_scale = place["ortho_scale"]
            cam_data.clip_start = place["clip_start"]
            cam_data.clip_end = place["clip_end"]
            r.filepath = os.path.join(renders_dir, name + ".png")
            _render(scene)
            if not os.path.isfile(r.filepath):
                raise HostError("Atelier: rendering the %s view wrote no file" % name, 305, "ENGINE_FAILED")
    finally:
        scene.camera = saved["camera"]
        r.resolution_x, r.resolution_y, r.resolution_percentage = saved["x"], saved["y"], saved["pct"]
        r.pixel_aspect_x, r.pixel_aspect_y = saved["aspect"]
        r.film_transparent, r.filepath = saved["film"], saved["path"]
        im.file_format, im.color_mode, im.color_depth = saved["fmt"], saved["mode"], saved["depth"]
        for o in hidden:
            o.hide_render = False
        bpy.data.objects.remove(cam)
        bpy.data.cameras.remove(cam_data)
    sidecar = os.path.join(renders_dir, "views.json")
    with open(sidecar, "w", encoding="utf-8") as f:
        json.dump(views_mod.sidecar(views), f, indent=1)
    return sidecar


def _render(scene):
    """Renders and writes the still; a Cycles without OpenImageDenoise (Debian's) renders without denoising."""
    try:
        bpy.ops.render.render(write_still=True, scene=scene.name)
    except RuntimeError as e:
        cycles = getattr(scene, "cycles", None)
        if "Denois" not in str(e) or cycles is None or not getattr(cycles, "use_denoising", False):
            raise HostError("Atelier: rendering failed: %s" % message_of(e), 305, "ENGINE_FAILED")
        cycles.use_denoising = False
        try:
            bpy.ops.render.render(write_still=True, scene=scene.name)
        finally:
            cycles.use_denoising = True


def cli_command(renders_dir, out_dir, params, settings=None):
    """(argv, env) of the CLI run; raises HostError when no CLI is known."""
    settings = settings or settings_mod.load()
    cli = settings.cli_command()
    if not cli:
        raise HostError("Atelier: the Atelier CLI is not set up (no atelier_cli in %s and no `atelier` on PATH); "
                        "reinstall with `bin/atelier install --host blender`"
                        % os.path.join(settings_mod.addon_dir(), settings_mod.FILE_NAME), 306, "DAEMON_UNAVAILABLE")
    return views_mod.cli_command(cli, renders_dir, out_dir, normalize_params(params)), settings.environment()


def run_cli(argv, env, timeout=600):
    """Runs the CLI; raises HostError with its message when it fails."""
    try:
        p = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise HostError("Atelier: could not run the Atelier CLI (%s): %s" % (argv[0], message_of(e)), 306,
                        "DAEMON_UNAVAILABLE")
    if p.returncode != 0:
        err = (p.stderr.decode("utf-8", "replace") or p.stdout.decode("utf-8", "replace")).strip().splitlines()
        line = err[-1].strip() if err else "exit code %d" % p.returncode
        if line.startswith("atelier: "):
            line = line[len("atelier: "):]
        raise HostError("Atelier: prep-3d failed: %s" % line, 305, "ENGINE_FAILED")


def load_package(out_dir):
    """Loads the package's view images and sheet ("Atelier Prep 3D: front", ...); returns the manifest path."""
    manifest = os.path.join(out_dir, "manifest.json")
    if not os.path.isfile(manifest):
        raise HostError("Atelier: prep-3d wrote no manifest.json in %s" % out_dir, 305, "ENGINE_FAILED")
    with open(manifest, "r", encoding="utf-8") as f:
        data = json.load(f)
    for v in data.get("views", []):
        images.load(os.path.join(out_dir, v["file"]), "Atelier Prep 3D: " + v.get("name", v["file"]))
    if data.get("sheet"):
        images.load(os.path.join(out_dir, data["sheet"]), "Atelier Prep 3D: sheet")
    return manifest


def resolve_object(obj):
    if isinstance(obj, str):
        found = bpy.data.objects.get(obj)
        if found is None:
            raise HostError("Atelier: no object named '%s'" % obj, 207, "BAD_REQUEST")
        return found
    obj = obj or bpy.context.active_object
    if obj is None:
        raise HostError("Atelier: no active object to prepare for 3D", 207, "BAD_REQUEST")
    return obj


def prep_3d(obj, views=None, out_dir=None, resolution=512, orthographic=True, isolate=True, timeout=600,
            settings=None, **params):
    obj = resolve_object(obj)
    try:
        chosen = views_mod.normalize_views(views)
    except ValueError as e:
        raise HostError("Atelier: %s" % e, 207, "BAD_REQUEST")
    out_dir = os.path.abspath(out_dir or default_out_dir())
    renders = os.path.join(out_dir, "renders")
    render_views(obj, chosen, renders, resolution, orthographic, isolate)
    argv, env = cli_command(renders, out_dir, params, settings)
    run_cli(argv, env, timeout)
    return load_package(out_dir)
