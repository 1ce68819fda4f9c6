"""GUI self-test (used by KritaDockerGuiTest under Xvfb): ATELIER_KRITA_SELFTEST=<json file>.

After Krita's first window appears: open a document, show the docker, pick a panel's tab, click Generate
through the docker's own button, wait for the new layer, write a report, wait for the test's "quit" file
(it takes a screenshot meanwhile) and quit with the file_quit action. The json file::

    {"panel": "upscale", "values": {}, "width": 96, "height": 64, "report": "/path/report.json",
     "quitFile": "/path/quit", "timeoutMs": 25000}
"""

import json
import os
import time
import traceback

from krita import Krita

from . import document as doc_mod
from .qt import QTimer

ENV = "ATELIER_KRITA_SELFTEST"
_armed = []


def arm():
    path = os.environ.get(ENV)
    if not path:
        return
    test = SelfTest(path)
    _armed.append(test)
    Krita.instance().notifier().windowCreated.connect(test.window_created)


def pattern(width, height):
    """An opaque RGBA test picture: gradients plus a dark diagonal band."""
    out = bytearray(width * height * 4)
    for y in range(height):
        for x in range(width):
            i = 4 * (y * width + x)
            band = abs(x - y) < 6
            out[i] = 30 if band else (x * 255) // max(1, width - 1)
            out[i + 1] = 30 if band else (y * 255) // max(1, height - 1)
            out[i + 2] = 200
            out[i + 3] = 255
    return bytes(out)


class SelfTest(object):
    def __init__(self, path):
        with open(path, "r", encoding="utf-8") as f:
            self.config = json.load(f)
        self.report = {"ok": False, "steps": []}
        self.started = None
        self.timers = []
        self.document = None
        self.docker = None

    def step(self, text):
        self.report["steps"].append(text)

    def window_created(self):
        QTimer.singleShot(1500, self.start)

    def start(self):
        try:
            self.started = time.time()
            app = Krita.instance()
            window = app.activeWindow()
            window.qwindow().setGeometry(0, 0, 1600, 1000)
            w, h = int(self.config.get("width", 96)), int(self.config.get("height", 64))
            doc = app.createDocument(w, h, "Atelier self-test", "RGBA", "U8", "", 72.0)
            layer = doc.rootNode().childNodes()[0]
            layer.setPixelData(doc_mod._qbytes(doc_mod.from_rgba(pattern(w, h), "U8")), 0, 0, w, h)
            doc.refreshProjection()
            window.addView(doc)
            app.setActiveDocument(doc)
            self.document = doc
            self.layers_before = doc_mod.layer_count(doc)
            self.step("document %dx%d, %d layer(s)" % (w, h, self.layers_before))
            from .docker import find_docker
            self.docker = find_docker(window)
            if self.docker is None:
                raise RuntimeError("the Atelier docker is not in the window")
            self.docker.show()
            self.docker.raise_()
            from .qt import QDockWidget
            for dock in window.qwindow().findChildren(QDockWidget):  # room for the docker in the screenshot
                if dock is not self.docker and dock.windowTitle() not in ("Layers",) and dock.isVisible():
                    dock.hide()
            self.step("docker shown")
            self.poll(self.wait_for_panels)
        except Exception:  # noqa: BLE001
            self.fail()

    def poll(self, check):
        """Calls check() every 100 ms on the UI thread until it returns True (each poll owns its timer)."""
        timer = QTimer()
        timer.setInterval(100)
        self.timers.append(timer)

        def tick():
            try:
                if time.time() - self.started > float(self.config.get("timeoutMs", 25000)) / 1000.0:
                    raise RuntimeError("timed out; docker status: %s" % self.docker_status())
                if check():
                    timer.stop()
            except Exception:  # noqa: BLE001
                timer.stop()
                self.fail()
        timer.timeout.connect(tick)
        timer.start()

    def docker_status(self):
        return self.docker.status.text() if self.docker is not None else "(no docker)"

    def wait_for_panels(self):
        if not self.docker.pages:
            return False
        panel = self.config.get("panel", "upscale")
        page = self.docker.select_panel(panel)
        if page is None:
            raise RuntimeError("no tab for panel '%s'" % panel)
        page.set_values(self.config.get("values", {}))
        self.report["tabs"] = [p.panel.title for p in self.docker.pages]
        self.report["disabledTabs"] = [p.panel.title for p in self.docker.pages if not p.body.isEnabled()]
        self.report["currentTab"] = self.docker.tabs.tabText(self.docker.tabs.currentIndex())
        self.step("tab '%s' selected; clicking Generate" % self.report["currentTab"])
        self.docker.generate_button.click()
        self.poll(self.wait_for_layer)
        return True

    def wait_for_layer(self):
        doc = self.document
        # Inserting the layer lets Qt process events, so wait until the docker has also filed it in its history.
        if doc_mod.layer_count(doc) <= self.layers_before or self.docker.history_list.count() == 0:
            if not self.docker._busy and self.docker.status.text().startswith("Atelier:"):
                raise RuntimeError(self.docker.status.text())
            return False
        action = Krita.instance().action("zoom_to_fit")
        if action is not None:
            action.trigger()
        top = doc.rootNode().childNodes()[-1]
        b = top.bounds()
        self.report.update({
            "ok": True,
            "layersBefore": self.layers_before,
            "layersAfter": doc_mod.layer_count(doc),
            "newLayer": top.name(),
            "bounds": [b.x(), b.y(), b.width(), b.height()],
            "documentSize": [doc.width(), doc.height()],
            "history": self.docker.history_list.count(),
            "status": self.docker_status(),
            "dockerVisible": self.docker.isVisible(),
            "seconds": round(time.time() - self.started, 2),
        })
        self.write_report()
        self.poll(self.wait_for_quit_file)
        return True

    def wait_for_quit_file(self):
        quit_file = self.config.get("quitFile")
        if quit_file and not os.path.exists(quit_file):
            return False
        self.quit()
        return True

    def fail(self):
        self.report["ok"] = False
        self.report["error"] = traceback.format_exc()
        self.report["status"] = self.docker_status()
        self.write_report()
        QTimer.singleShot(500, self.quit)

    def write_report(self):
        path = self.config["report"]
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(self.report, f, indent=1)
        os.replace(path + ".tmp", path)

    def quit(self):
        app = Krita.instance()
        for doc in app.documents():
            doc.setModified(False)
        app.action("file_quit").trigger()
