"""Run inside real Blender by BlenderEndToEndTest:

    blender -b --factory-startup --addons atelier --python-exit-code 1 --python atelier_e2e.py -- config.json

config: {"in": dir with raw RGBA inputs, "out": dir for dumps and report.json, "mode": "ops" | "prep3d"}.
Each case's new image is dumped as raw RGBA (read back through the add-on) for the Java test to compare.
"""

import json
import os
import sys
import time
import traceback

import bpy

import atelier
from atelier import AtelierError, api, images
from atelier.atelier_client import pixels as cpx


def main():
    cfg_path = sys.argv[sys.argv.index("--") + 1]
    with open(cfg_path, "r", encoding="utf-8") as f:
        cfg = json.load(f)
    out = cfg["out"]
    report = {"atelier": atelier.__file__, "cases": {}, "fatal": None}
    try:
        (run_ops if cfg["mode"] == "ops" else run_prep3d)(cfg, out, report)
    except Exception:  # noqa: BLE001 - reported to the Java test
        report["fatal"] = traceback.format_exc()
    with open(os.path.join(out, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    if report["fatal"]:
        print(report["fatal"])
        sys.exit(1)


def read_raw(cfg, name):
    with open(os.path.join(cfg["in"], name), "rb") as f:
        return f.read()


def dump(image, out, name):
    w, h, data = images.read(image)
    with open(os.path.join(out, name + ".rgba"), "wb") as f:
        f.write(data)
    return [w, h]


def case(report, out, name, fn):
    entry = {"imagesBefore": len(bpy.data.images)}
    started = time.time()
    try:
        new = fn()
        entry.update(ok=True, name=new.name, size=dump(new, out, name), isFloat=new.is_float,
                     colorspace=new.colorspace_settings.name)
    except Exception as e:  # noqa: BLE001 - the report says what happened
        entry.update(ok=False, error=str(e), atelierError=isinstance(e, AtelierError),
                     errorName=getattr(e, "name", None), type=type(e).__name__)
    entry.update(imagesAfter=len(bpy.data.images), seconds=round(time.time() - started, 3))
    report["cases"][name] = entry


def run_ops(cfg, out, report):
    w, h = cfg["width"], cfg["height"]
    top = read_raw(cfg, "top.rgba")
    # An 8-bit sRGB image as Blender makes one (what a loaded PNG is), filled through the add-on ...
    byte_img = images.create("top-bytes", w, h, top, pack=False)
    # ... and a float (linear) image with the same colours, as a render or EXR would be.
    float_img = bpy.data.images.new("top-float", w, h, alpha=True, float_buffer=True)
    float_img.pixels.foreach_set(cpx.bytes_to_rgba_float(top, w, h, linear=True, flip=True))
    report["floatSource"] = {"isFloat": float_img.is_float, "colorspace": float_img.colorspace_settings.name}

    # The byte image saved by Blender as PNG: the stored bytes are exactly the input (Java reads the PNG).
    byte_img.filepath_raw = os.path.join(out, "stored.png")
    byte_img.file_format = "PNG"
    byte_img.save()

    case(report, out, "upscale", lambda: api.run(byte_img, "upscale", factor=2, preset="precise"))
    case(report, out, "upscale-float", lambda: api.run(float_img, "upscale", factor=2))
    case(report, out, "detect", lambda: api.run("top-bytes", "detect", mode="canny", low=100, high=200))
    case(report, out, "lineart", lambda: api.run(byte_img, "detect", mode="lineart", line_weight=1.5))
    case(report, out, "expand", lambda: api.run(byte_img, "expand", right=16))
    case(report, out, "retouch", lambda: api.run(byte_img, "retouch", prompt="sky"))
    case(report, out, "img2img-batch", lambda: api.run(byte_img, "img2img", prompt="a cat", batch_count=2))
    second = bpy.data.images.get("Atelier Img2Img 2/2: a cat")
    if second is not None:
        report["cases"]["img2img-batch"]["second"] = second.name
        dump(second, out, "img2img-batch-2")
    case(report, out, "no-such-op", lambda: api.run(byte_img, "sharpen"))
    # An App: a workflow file in the daemon's studio folder, run by its id like any operation.
    case(report, out, "app", lambda: api.run(byte_img, "edges-2x", factor="2", low=40))

    # Send render: the default scene rendered small in background mode (Render Result empty: written, reloaded).
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = 4
    scene.cycles.use_denoising = False
    scene.render.resolution_x, scene.render.resolution_y, scene.render.resolution_percentage = 48, 32, 100
    bpy.ops.render.render()
    case(report, out, "render", lambda: api.run_render("upscale", factor=2))
    report["renderFormatKept"] = scene.render.image_settings.file_format


def run_prep3d(cfg, out, report):
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = 8
    scene.cycles.use_denoising = True  # Debian's Cycles has no OpenImageDenoise: the add-on renders without
    scene.view_settings.view_transform = "Standard"
    cube = bpy.data.objects["Cube"]
    cube.location = (1.0, -0.5, 0.25)        # off the origin: the cameras follow the bounds
    cube.scale = (1.0, 0.6, 1.4)             # not a cube: views differ
    bpy.ops.mesh.primitive_plane_add(size=20, location=(0, 0, -3))  # hidden while rendering (isolate)
    floor = bpy.context.active_object
    camera_before = scene.camera.name
    started = time.time()
    try:
        manifest = api.prep_3d(cube, ["front", "right", "back", "left"], cfg["package"], resolution=128,
                               size=512, margin=cfg["margin"], background="transparent")
        report["prep3d"] = {"ok": True, "manifest": manifest}
    except Exception as e:  # noqa: BLE001 - the report says what happened
        report["prep3d"] = {"ok": False, "error": str(e), "atelierError": isinstance(e, AtelierError)}
    report["prep3d"]["seconds"] = round(time.time() - started, 3)
    report["prep3d"]["images"] = sorted(i.name for i in bpy.data.images if i.name.startswith("Atelier Prep 3D"))
    report["prep3d"]["restored"] = {"camera": scene.camera.name == camera_before, "floorVisible": not floor.hide_render,
                                    "film": scene.render.film_transparent, "x": scene.render.resolution_x,
                                    "cameras": len(bpy.data.cameras)}
    try:
        api.prep_3d(cube, ["bottom"], cfg["package"] + "-bad")
    except AtelierError as e:
        report["badView"] = str(e)


main()
