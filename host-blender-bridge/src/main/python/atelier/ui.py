"""The Image Editor's sidebar tab "Atelier" (bpy): a panel selector with the selected panel's fields (one
PropertyGroup per daemon panel, built from the descriptors when they arrive), Run on the shown image, Send render,
and Prep for 3D. Jobs run in a worker thread; a modal operator polls them on a timer, so the UI stays responsive,
shows progress in the status bar and cancels on Esc."""

import os
import threading

import bpy
from bpy.props import BoolProperty, EnumProperty, IntProperty, PointerProperty, StringProperty

from . import api
from . import connection as conn_mod
from . import images
from . import prep3d
from . import props as props_mod
from . import views as views_mod
from .atelier_client.panels import find
from .connection import message_of

CATEGORY = "Atelier"


class _State(object):
    panels = None          # [Panel] once fetched
    error = ""             # last connection / job error, shown in the sidebar
    connecting = False
    busy = ""              # what runs now ("" = idle)
    groups = {}            # panel id -> PropertyGroup class
    enum_items = []        # kept alive for Blender's enum callback
    draws = 0              # how often the sidebar panel was drawn (tests see whether the tab is shown)


STATE = _State()


def _redraw():
    wm = bpy.context.window_manager
    for window in (wm.windows if wm else []):
        for area in window.screen.areas:
            if area.type in ("IMAGE_EDITOR", "VIEW_3D"):
                area.tag_redraw()


# --- panels -> property groups ----------------------------------------------------------------------------------

def _pointer_name(panel_id):
    return "atelier_p_" + "".join(c if c.isalnum() else "_" for c in panel_id)


def install_panels(panels):
    """Registers one PropertyGroup per panel (its fields as properties) on the WindowManager."""
    remove_panels()
    for panel in panels:
        annotations = {}
        for attr, kind, kwargs in props_mod.property_specs(panel):
            annotations[attr] = getattr(bpy.props, kind)(**kwargs)
        cls = type(props_mod.class_name(panel.id), (bpy.types.PropertyGroup,), {"__annotations__": annotations})
        bpy.utils.register_class(cls)
        setattr(bpy.types.WindowManager, _pointer_name(panel.id), PointerProperty(type=cls))
        STATE.groups[panel.id] = cls
    STATE.panels = list(panels)


def remove_panels():
    for panel_id, cls in list(STATE.groups.items()):
        try:
            delattr(bpy.types.WindowManager, _pointer_name(panel_id))
        except AttributeError:
            pass
        bpy.utils.unregister_class(cls)
    STATE.groups = {}
    STATE.panels = None


def panel_values(context, panel):
    group = getattr(context.window_manager, _pointer_name(panel.id), None)
    return props_mod.values_from(panel, group) if group is not None else panel.defaults()


def _panel_items(self, context):
    items = []
    for i, p in enumerate(STATE.panels or []):
        label = p.title if p.available else p.title + " (unavailable)"
        items.append((p.id, label, p.unavailable_message() if not p.available else p.description, i))
    STATE.enum_items = items or [("", "(not connected)", "", 0)]
    return STATE.enum_items


def selected_panel(context):
    settings = context.window_manager.atelier
    return find(STATE.panels or [], settings.panel) if settings.panel else None


def _connect_worker(result, refresh):
    try:
        result["panels"] = conn_mod.shared().panels(refresh=refresh)
    except Exception as e:  # noqa: BLE001 - shown in the sidebar
        result["error"] = message_of(e)


def start_connect(refresh=False):
    """Fetches the panels in a thread; a timer installs them on the main thread."""
    if STATE.connecting:
        return
    STATE.connecting, STATE.error = True, ""
    result = {}
    thread = threading.Thread(target=_connect_worker, args=(result, refresh), name="atelier-connect", daemon=True)
    thread.start()

    def poll():
        if thread.is_alive():
            return 0.2
        STATE.connecting = False
        if "panels" in result:
            install_panels(result["panels"])
        else:
            STATE.error = result.get("error", "")
        _redraw()
        return None
    bpy.app.timers.register(poll, first_interval=0.1)


# --- settings on the WindowManager --------------------------------------------------------------------------------

class ATELIER_PG_settings(bpy.types.PropertyGroup):
    panel: EnumProperty(name="Panel", description="The operation to run", items=_panel_items)
    progress: IntProperty(name="Progress", min=0, max=100, subtype="PERCENTAGE")
    views_front: BoolProperty(name="Front", default=True)
    views_right: BoolProperty(name="Right", default=True)
    views_back: BoolProperty(name="Back", default=True)
    views_left: BoolProperty(name="Left", default=True)
    views_top: BoolProperty(name="Top", default=False)
    views_three_quarter: BoolProperty(name="Three-quarter", default=False)
    orthographic: BoolProperty(name="Orthographic", default=True,
                               description="Orthographic cameras (perspective when off)")
    resolution: IntProperty(name="Render size", default=512, min=64, max=4096,
                            description="Side of the square renders, in pixels")
    out_dir: StringProperty(name="Output", subtype="DIR_PATH", default="",
                            description="Folder for renders/ and the package (default: next to the .blend)")


def chosen_views(settings):
    return [v for v in views_mod.ORDER if getattr(settings, "views_" + v.replace("-", "_"))]


# --- operators ------------------------------------------------------------------------------------------------------

class _JobOperator(object):
    """Runs `work()` in a worker thread and `done(value)` on the main thread; progress in the status bar."""

    _timer = None

    def start(self, context, work, title):
        self._box = {"fraction": 0.0, "message": title}
        self._cancel = None

        def worker():
            try:
                self._box["value"] = work(self._box)
            except BaseException as e:  # noqa: BLE001 - reported on the main thread
                self._box["error"] = e
        self._thread = threading.Thread(target=worker, name="atelier-job", daemon=True)
        STATE.busy, STATE.error = title, ""
        self._title = title
        self._thread.start()
        wm = context.window_manager
        self._timer = wm.event_timer_add(0.1, window=context.window)
        wm.modal_handler_add(self)
        wm.progress_begin(0, 100)
        return {"RUNNING_MODAL"}

    def _status(self, context, text):
        if context.workspace is not None:
            context.workspace.status_text_set(text)

    def modal(self, context, event):
        if event.type == "ESC" and self._box.get("job") is not None:
            try:
                self._box["job"].cancel()
            except Exception:  # noqa: BLE001 - the job may have just finished
                pass
            return {"RUNNING_MODAL"}
        if event.type != "TIMER":
            return {"PASS_THROUGH"}
        fraction = float(self._box.get("fraction") or 0.0)
        context.window_manager.atelier.progress = int(round(fraction * 100))
        context.window_manager.progress_update(int(fraction * 100))
        self._status(context, "Atelier: %s — %d%% %s (Esc cancels)" % (
            self._title, int(fraction * 100), self._box.get("message") or ""))
        if self._thread.is_alive():
            return {"RUNNING_MODAL"}
        self._end(context)
        if "error" in self._box:
            STATE.error = message_of(self._box["error"])
            self.report({"ERROR"}, STATE.error)
            return {"CANCELLED"}
        try:
            self.done(context, self._box.get("value"))
        except Exception as e:  # noqa: BLE001 - reported to the user
            STATE.error = message_of(e)
            self.report({"ERROR"}, STATE.error)
            return {"CANCELLED"}
        return {"FINISHED"}

    def _end(self, context):
        wm = context.window_manager
        if self._timer is not None:
            wm.event_timer_remove(self._timer)
            self._timer = None
        wm.progress_end()
        self._status(context, None)
        STATE.busy = ""
        _redraw()


def _submit_and_wait(prepared):
    def work(box):
        def progress(fraction, message, *_):
            box["fraction"], box["message"] = fraction, message
        job = conn_mod.shared().submit(prepared.panel.id, prepared.values, prepared.source,
                                       on_progress=progress)
        box["job"] = job
        return job.wait()
    return work


def _show(context, image):
    space = getattr(context, "space_data", None)
    if space is not None and space.type == "IMAGE_EDITOR":
        space.image = image


class ATELIER_OT_connect(bpy.types.Operator):
    bl_idname = "atelier.connect"
    bl_label = "Connect"
    bl_description = "Connect to the Atelier daemon (starting it if needed) and fetch its panels"

    def execute(self, context):
        start_connect(refresh=True)
        return {"FINISHED"}


class ATELIER_OT_run(_JobOperator, bpy.types.Operator):
    bl_idname = "atelier.run"
    bl_label = "Run"
    bl_description = "Run the selected Atelier panel on the image shown (or the last render); the result is a new image"

    source: EnumProperty(items=[("IMAGE", "Image", "The image shown in the editor"),
                                ("RENDER", "Render", "The last render (Render Result)")], default="IMAGE")
    op: StringProperty(name="Operation", default="", description="Panel id (default: the one selected)")

    def _prepare(self, context):
        panel = find(STATE.panels or [], self.op) if self.op else selected_panel(context)
        if panel is None:
            raise conn_mod.HostError("Atelier: choose a panel first (connect to the daemon)", 207, "BAD_REQUEST")
        values = panel_values(context, panel)
        if self.source == "RENDER":
            return api.prepare(panel, values, source=images.read_render(scene=context.scene))
        space = getattr(context, "space_data", None)
        image = space.image if space is not None and space.type == "IMAGE_EDITOR" else None
        return api.prepare(panel, values, image)

    def invoke(self, context, event):
        if STATE.busy:
            self.report({"WARNING"}, "Atelier is busy: " + STATE.busy)
            return {"CANCELLED"}
        try:
            self._prepared = self._prepare(context)
        except Exception as e:  # noqa: BLE001 - one line for the user
            STATE.error = message_of(e)
            self.report({"ERROR"}, STATE.error)
            return {"CANCELLED"}
        return self.start(context, _submit_and_wait(self._prepared), self._prepared.panel.title)

    def execute(self, context):  # blocking (scripts, background mode)
        try:
            prepared = self._prepare(context)
            created = api.finish_all(prepared, _submit_and_wait(prepared)({}))
        except Exception as e:  # noqa: BLE001 - one line for the user
            STATE.error = message_of(e)
            self.report({"ERROR"}, STATE.error)
            return {"CANCELLED"}
        _show(context, created[0])
        return {"FINISHED"}

    def done(self, context, result):
        created = api.finish_all(self._prepared, result)
        _show(context, created[0])
        if len(created) == 1:
            self.report({"INFO"}, "Atelier: created image '%s'" % created[0].name)
        else:
            self.report({"INFO"}, "Atelier: created %d images '%s' … '%s'" % (len(created), created[0].name,
                                                                             created[-1].name))


class ATELIER_OT_prep_3d(_JobOperator, bpy.types.Operator):
    bl_idname = "atelier.prep_3d"
    bl_label = "Prep for 3D"
    bl_description = ("Render the active object from the chosen views (transparent film), then crop, centre and "
                      "pad them with the Atelier CLI into a package (views, sheet, manifest.json)")

    def invoke(self, context, event):
        if STATE.busy:
            self.report({"WARNING"}, "Atelier is busy: " + STATE.busy)
            return {"CANCELLED"}
        s = context.window_manager.atelier
        try:
            obj = prep3d.resolve_object(None)
            chosen = views_mod.normalize_views(chosen_views(s) or None)
            out_dir = os.path.abspath(bpy.path.abspath(s.out_dir) if s.out_dir else prep3d.default_out_dir())
            renders = os.path.join(out_dir, "renders")
            self._out = out_dir
            panel = find(STATE.panels or [], "prep-3d")
            params = {k: v for k, v in panel_values(context, panel).items()} if panel is not None else {}
            prep3d.render_views(obj, chosen, renders, s.resolution, s.orthographic)
            argv, env = prep3d.cli_command(renders, out_dir, params)
        except Exception as e:  # noqa: BLE001 - one line for the user
            STATE.error = message_of(e)
            self.report({"ERROR"}, STATE.error)
            return {"CANCELLED"}
        return self.start(context, lambda box: prep3d.run_cli(argv, env), "Prep for 3D")

    def done(self, context, _value):
        manifest = prep3d.load_package(self._out)
        self.report({"INFO"}, "Atelier: Prep for 3D package in %s" % os.path.dirname(manifest))


# --- the sidebar ----------------------------------------------------------------------------------------------------

def _draw_field(layout, group, field):
    kind = field.get("type")
    if kind == "source":
        layout.label(text="Uses the image shown", icon="IMAGE_DATA")
        return
    layout.prop(group, props_mod.attribute(field["id"]))


class ATELIER_PT_sidebar(bpy.types.Panel):
    bl_idname = "ATELIER_PT_sidebar"
    bl_label = "Atelier"
    bl_space_type = "IMAGE_EDITOR"
    bl_region_type = "UI"
    bl_category = CATEGORY

    def draw(self, context):
        STATE.draws += 1
        layout = self.layout
        settings = context.window_manager.atelier
        if STATE.panels is None:
            if STATE.connecting:
                layout.label(text="Connecting to the Atelier daemon…", icon="TIME")
            else:
                layout.operator("atelier.connect", icon="LINKED")
            if STATE.error:
                layout.label(text=STATE.error, icon="ERROR")
            return
        layout.prop(settings, "panel", text="")
        panel = selected_panel(context)
        if panel is not None:
            if panel.description:
                layout.label(text=panel.description)
            if not panel.available:
                box = layout.box()
                box.label(text="Unavailable: " + panel.unavailable_message(), icon="ERROR")
            group = getattr(context.window_manager, _pointer_name(panel.id), None)
            col = layout.column()
            col.enabled = panel.available
            if group is not None and panel.id != "prep-3d":
                for field in panel.fields:
                    _draw_field(col, group, field)
            if panel.id == "prep-3d":
                col.label(text="Set it up in the Prep for 3D panel below", icon="INFO")
            else:
                buttons = col.column(align=True)
                buttons.enabled = not STATE.busy
                buttons.operator("atelier.run", text="Run on image", icon="PLAY").source = "IMAGE"
                buttons.operator("atelier.run", text="Send render", icon="RENDER_RESULT").source = "RENDER"
        if STATE.busy:
            layout.prop(settings, "progress", text=STATE.busy, slider=True)
        if STATE.error:
            layout.label(text=STATE.error, icon="ERROR")
        unavailable = [p for p in STATE.panels if not p.available]
        if unavailable:
            box = layout.box()
            box.label(text="Not available here:")
            for p in unavailable:
                box.label(text=p.title, icon="CANCEL")
                box.label(text="    " + p.unavailable_message())
        layout.operator("atelier.connect", text="Refresh panels", icon="FILE_REFRESH")


class ATELIER_PT_prep_3d(bpy.types.Panel):
    bl_idname = "ATELIER_PT_prep_3d"
    bl_label = "Prep for 3D"
    bl_space_type = "IMAGE_EDITOR"
    bl_region_type = "UI"
    bl_category = CATEGORY
    bl_options = {"DEFAULT_CLOSED"}

    def draw(self, context):
        layout = self.layout
        s = context.window_manager.atelier
        obj = context.active_object
        layout.label(text="Object: " + (obj.name if obj else "(none active)"), icon="OBJECT_DATA")
        grid = layout.grid_flow(columns=2, align=True)
        for v in views_mod.ORDER:
            grid.prop(s, "views_" + v.replace("-", "_"))
        layout.prop(s, "orthographic")
        layout.prop(s, "resolution")
        layout.prop(s, "out_dir")
        panel = find(STATE.panels or [], "prep-3d")
        group = getattr(context.window_manager, _pointer_name(panel.id), None) if panel else None
        if group is not None:
            for field in panel.value_fields():
                layout.prop(group, props_mod.attribute(field["id"]))
        row = layout.row()
        row.enabled = obj is not None and not STATE.busy
        row.operator("atelier.prep_3d", icon="VIEW_CAMERA")


CLASSES = (ATELIER_PG_settings, ATELIER_OT_connect, ATELIER_OT_run, ATELIER_OT_prep_3d, ATELIER_PT_sidebar,
           ATELIER_PT_prep_3d)


def register():
    for cls in CLASSES:
        bpy.utils.register_class(cls)
    bpy.types.WindowManager.atelier = PointerProperty(type=ATELIER_PG_settings)
    if not bpy.app.background:
        bpy.app.timers.register(lambda: start_connect() and None, first_interval=0.5)


def unregister():
    remove_panels()
    try:
        del bpy.types.WindowManager.atelier
    except AttributeError:
        pass
    for cls in reversed(CLASSES):
        bpy.utils.unregister_class(cls)
    conn_mod.set_shared(None)
