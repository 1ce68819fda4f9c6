"""Atelier for Blender: the Image Editor's "Atelier" sidebar tab, "Send render", "Prep for 3D" and a scripting API,
talking to the local Atelier daemon (a Unix socket; the daemon does all the work).

Scripting::

    import atelier.api as atelier        # or: from atelier import api
    new = atelier.run(bpy.data.images["photo.png"], "upscale", factor=2)      # a new bpy Image
    new = atelier.run(img, "detect", mode="lineart", line_weight=1.5)         # '_' or '-' in field ids
    manifest = atelier.prep_3d(obj, ["front", "back", "left", "right"], "/tmp/out", size=512, margin=10)

Modules without bpy: ``settings``, ``props`` (descriptor -> property specs), ``pixels`` (Blender's pixel layouts),
``connection``, ``views`` (Prep for 3D's camera placement and the CLI command). With bpy: ``images``, ``api``,
``prep3d``, ``ui``. The protocol client, and the host-agnostic settings, panel model and connection, are the
bundled sub-package ``atelier_client``.
"""

bl_info = {
    "name": "Atelier",
    "author": "Atelier",
    "version": (0, 1, 0),
    "blender": (3, 0, 0),
    "location": "Image Editor > Sidebar > Atelier",
    "description": "AI image tools (img2img, retouch, expand, upscale, remove background, detect, prep for 3D) "
                   "run by the local Atelier daemon",
    "category": "Image",
}

from .atelier_client import AtelierError  # noqa: E402,F401

__all__ = ["AtelierError", "register", "unregister"]


def register():
    from . import ui
    ui.register()


def unregister():
    from . import ui
    ui.unregister()
