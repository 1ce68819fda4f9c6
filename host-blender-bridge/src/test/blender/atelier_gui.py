"""Run inside the real Blender GUI (under Xvfb) by BlenderSidebarGuiTest:

    blender --factory-startup --addons atelier --python atelier_gui.py -- config.json

Timers drive it: turn the biggest area into an Image Editor showing a test image, open its sidebar, click the
"Atelier" tab (xdotool, probing down the tab strip until the panel draws: Blender 3.4 has no API for the active
tab), select a panel and invoke atelier.run like the Run button does (modal, non-blocking), wait for the new
image, write report.json, then wait for the test's quit file (it takes a screenshot first) and quit.
"""

import json
import os
import subprocess
import sys
import time
import traceback

import bpy

from atelier import images, ui

cfg = json.load(open(sys.argv[sys.argv.index("--") + 1], "r", encoding="utf-8"))
bpy.context.preferences.view.show_splash = False
bpy.context.preferences.view.use_save_prompt = False
report = {"steps": []}
state = {"step": "setup", "t0": time.time(), "probe": 0}


def write_report(ok, error=None):
    report.update(ok=ok, error=error, seconds=round(time.time() - state["t0"], 2))
    tmp = cfg["report"] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    os.replace(tmp, cfg["report"])


def editor():
    window = bpy.context.window_manager.windows[0]
    for area in window.screen.areas:
        if area.type == "IMAGE_EDITOR":
            return window, area, next(r for r in area.regions if r.type == "UI")
    return window, None, None


def click(window, x, y):
    """Clicks at window coordinates (origin bottom-left, as Blender's regions use)."""
    subprocess.run(["xdotool", "mousemove", "--sync", str(int(x)), str(int(window.height - y)), "click", "1"],
                   check=True, timeout=10)


def step():
    try:
        return _step()
    except Exception:  # noqa: BLE001 - reported to the test
        write_report(False, traceback.format_exc())
        state["step"] = "wait-quit"
        return 0.2


def _step():
    s = state["step"]
    if time.time() - state["t0"] > cfg.get("timeout", 35):
        write_report(False, "timed out in step " + s)
        state["step"] = "wait-quit"
    if s == "setup":
        window = bpy.context.window_manager.windows[0]
        area = max(window.screen.areas, key=lambda a: a.width * a.height)
        area.type = "IMAGE_EDITOR"
        with open(cfg["image"], "rb") as f:
            data = f.read()
        image = images.create("Atelier test image", cfg["width"], cfg["height"], data)
        space = area.spaces.active
        space.image = image
        space.show_region_ui = True
        report["window"] = [window.width, window.height]
        state["step"] = "wait-panels"
        return 0.3
    if s == "wait-panels":
        if ui.STATE.panels is None:
            return 0.2
        report["panels"] = [p.id for p in ui.STATE.panels]
        report["unavailable"] = [p.id for p in ui.STATE.panels if not p.available]
        window, area, region = editor()
        with bpy.context.temp_override(window=window, area=area, region=region):
            bpy.ops.image.view_all(fit_view=True)
        bpy.context.window_manager.atelier.panel = cfg["panel"]
        state.update(step="click-tab", draws=ui.STATE.draws)
        return 0.3
    if s == "click-tab":
        window, area, region = editor()
        if ui.STATE.draws > state["draws"]:
            report["tabClicks"] = state["probe"]
            state["step"] = "run"
            return 0.3
        # Tabs run down the sidebar's right edge from its top; ours was registered last.
        y = region.y + region.height - 30 - 12 * state["probe"]
        if y < region.y + 20:
            raise RuntimeError("the Atelier tab was not found in the sidebar")
        state["probe"] += 1
        state["draws"] = ui.STATE.draws
        click(window, region.x + region.width - 10, y)
        return 0.25
    if s == "run":
        window, area, region = editor()
        report["imagesBefore"] = len(bpy.data.images)
        with bpy.context.temp_override(window=window, area=area, region=region):
            r = bpy.ops.atelier.run("INVOKE_DEFAULT", source="IMAGE")
        report["invoke"] = sorted(r)
        state["step"] = "wait-job"
        return 0.1
    if s == "wait-job":
        if ui.STATE.busy:
            report["sawBusy"] = True
            return 0.1
        window, area, region = editor()
        shown = area.spaces.active.image
        report.update(imagesAfter=len(bpy.data.images), shown=shown.name, shownSize=list(shown.size),
                      error=ui.STATE.error or None, sidebarDraws=ui.STATE.draws)
        with bpy.context.temp_override(window=window, area=area, region=region):
            bpy.ops.image.view_all(fit_view=True)
        for a in window.screen.areas:
            a.tag_redraw()
        write_report(not ui.STATE.error, ui.STATE.error or None)
        state["step"] = "wait-quit"
        return 0.2
    if s == "wait-quit":
        if os.path.exists(cfg["quitFile"]) or time.time() - state["t0"] > cfg.get("timeout", 35) + 20:
            bpy.ops.wm.quit_blender()
            return None
        return 0.2
    return None


bpy.app.timers.register(step, first_interval=1.0)
