"""The Atelier docker: one tab per daemon panel, Generate, progress with Cancel, and this session's results.

Krita's UI thread never waits for the daemon: connecting (which may start the daemon) and waiting for a job run
on worker threads, which report back through Qt signals (queued onto the UI thread). Pixels are read before the
job is submitted and the result is inserted on the UI thread.
"""

import threading

from krita import DockWidget, DockWidgetFactory, DockWidgetFactoryBase, Krita

from . import api
from . import client as client_mod
from . import document as doc_mod
from . import settings as settings_mod
from .errors import message_of
from .qt import QtWidgets
from .qt import (FORMAT_RGBA8888, ICON_MODE, KEEP_ASPECT, SMOOTH, USER_ROLE, QHBoxLayout, QIcon, QImage,
                 QLabel, QLineEdit, QListWidget, QListWidgetItem, QObject, QProgressBar, QPushButton, QScrollArea,
                 QSize, QTabWidget, QToolButton, QVBoxLayout, QWidget, Signal)
from .widgets import PanelPage

QFrame = QtWidgets.QFrame

DOCKER_ID = "atelier_docker"
SETTINGS_GROUP = "atelier"
THUMB = 64


def configured_settings():
    """settings.json from the installer, overridden by what the user typed in the docker's settings."""
    base = settings_mod.load()
    app = Krita.instance()
    try:
        command = settings_mod.parse_command(app.readSetting(SETTINGS_GROUP, "daemon_command", ""))
    except ValueError:
        command = []
    socket = app.readSetting(SETTINGS_GROUP, "socket", "") or None
    return base.with_overrides(command, socket)


class _Bridge(QObject):
    """Signals emitted on worker threads, delivered on the UI thread."""
    connected = Signal(object)  # list of Panel, or an exception
    progress = Signal(float, str)
    finished = Signal(object, object)  # (Prepared, Result or exception)


class HistoryEntry(object):
    def __init__(self, name, image, x, y):
        self.name = name
        self.width, self.height, self.rgba = image
        self.x = x
        self.y = y


class AtelierDocker(DockWidget):
    def __init__(self):
        DockWidget.__init__(self)
        self.setWindowTitle("Atelier")
        self.setObjectName(DOCKER_ID)
        self.connection = client_mod.Connection(configured_settings)
        client_mod.set_shared(self.connection)
        self.bridge = _Bridge()
        self.bridge.connected.connect(self._on_connected)
        self.bridge.progress.connect(self._on_progress)
        self.bridge.finished.connect(self._on_finished)
        self.pages = []
        self.history = []
        self._job = None
        self._busy = False

        root = QWidget(self)
        layout = QVBoxLayout(root)
        self.status = QLabel("Connecting to the Atelier daemon…")
        self.status.setObjectName("atelier-status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("atelier-tabs")
        self.tabs.setUsesScrollButtons(True)
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        layout.addWidget(self.tabs, 1)

        row = QHBoxLayout()
        self.generate_button = QPushButton("Generate")
        self.generate_button.setObjectName("atelier-generate")
        self.generate_button.clicked.connect(self.generate)
        row.addWidget(self.generate_button, 1)
        self.settings_button = QToolButton()
        self.settings_button.setText("⚙")
        self.settings_button.setToolTip("Daemon settings")
        self.settings_button.setCheckable(True)
        row.addWidget(self.settings_button)
        layout.addLayout(row)

        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("atelier-progress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        row.addWidget(self.progress, 1)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("atelier-cancel")
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)

        layout.addWidget(QLabel("Results (this session)"))
        self.history_list = QListWidget()
        self.history_list.setObjectName("atelier-history")
        self.history_list.setViewMode(ICON_MODE)
        self.history_list.setIconSize(QSize(THUMB, THUMB))
        self.history_list.setMaximumHeight(THUMB + 48)
        self.history_list.setWrapping(False)
        self.history_list.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.history_list)
        row = QHBoxLayout()
        self.apply_button = QPushButton("Apply as layer")
        self.apply_button.setToolTip("Add the selected result to the active document again, as a new layer")
        self.apply_button.clicked.connect(self.apply_selected)
        self.discard_button = QPushButton("Discard")
        self.discard_button.clicked.connect(self.discard_selected)
        row.addWidget(self.apply_button)
        row.addWidget(self.discard_button)
        layout.addLayout(row)

        self.settings_box = QWidget()
        box = QVBoxLayout(self.settings_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("Daemon command (empty = from the installer's settings.json)"))
        self.command_edit = QLineEdit(Krita.instance().readSetting(SETTINGS_GROUP, "daemon_command", ""))
        self.command_edit.setPlaceholderText('e.g. ["/path/to/atelier", "daemon"]')
        box.addWidget(self.command_edit)
        box.addWidget(QLabel("Socket (empty = default)"))
        self.socket_edit = QLineEdit(Krita.instance().readSetting(SETTINGS_GROUP, "socket", ""))
        box.addWidget(self.socket_edit)
        save = QPushButton("Save and reconnect")
        save.clicked.connect(self.save_settings)
        box.addWidget(save)
        self.settings_box.setVisible(False)
        self.settings_button.toggled.connect(self.settings_box.setVisible)
        layout.addWidget(self.settings_box)

        self.setWidget(root)
        self._update_buttons()
        self.connect_async()

    # Krita calls this when the active canvas changes; the docker reads the active document when it runs.
    def canvasChanged(self, canvas):
        pass

    # connection -----------------------------------------------------------------------------------------------
    def connect_async(self, refresh=False):
        self.status.setText("Connecting to the Atelier daemon…")
        bridge, connection = self.bridge, self.connection

        def work():
            try:
                bridge.connected.emit(connection.panels(refresh=refresh))
            except Exception as e:  # noqa: BLE001 - shown to the user
                bridge.connected.emit(e)
        threading.Thread(target=work, name="atelier-connect", daemon=True).start()

    def _on_connected(self, outcome):
        if isinstance(outcome, Exception):
            self.status.setText(message_of(outcome))
            self._update_buttons()
            return
        current = self.current_panel_id()
        self.tabs.clear()
        self.pages = []
        for panel in outcome:
            page = PanelPage(panel)
            self.pages.append(page)
            scroll = QScrollArea()  # long panels scroll instead of pushing Generate out of the docker
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.NoFrame if hasattr(QFrame, "NoFrame") else QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            index = self.tabs.addTab(scroll, panel.title)
            if not panel.available:
                self.tabs.setTabToolTip(index, panel.unavailable_message())
        if current:
            self.select_panel(current)
        available = sum(1 for p in outcome if p.available)
        self.status.setText("Connected: %d of %d panels available" % (available, len(outcome)))
        self._update_buttons()

    def save_settings(self):
        text = self.command_edit.text().strip()
        try:
            settings_mod.parse_command(text)
        except ValueError as e:
            self.status.setText("Atelier: %s" % message_of(e))
            return
        Krita.instance().writeSetting(SETTINGS_GROUP, "daemon_command", text)
        Krita.instance().writeSetting(SETTINGS_GROUP, "socket", self.socket_edit.text().strip())
        self.connection.reset()
        self.connect_async(refresh=True)

    # panels ---------------------------------------------------------------------------------------------------
    def current_page(self):
        index = self.tabs.currentIndex()
        return self.pages[index] if 0 <= index < len(self.pages) else None

    def current_panel_id(self):
        page = self.current_page()
        return page.panel.id if page is not None else None

    def select_panel(self, panel_id):
        for i, page in enumerate(self.pages):
            if page.panel.id == panel_id or page.panel.operation == panel_id:
                self.tabs.setCurrentIndex(i)
                return page
        return None

    def _update_buttons(self):
        page = self.current_page()
        self.generate_button.setEnabled(not self._busy and page is not None and page.panel.available)
        self.cancel_button.setEnabled(self._busy)
        selected = self.history_list.currentRow() >= 0
        self.apply_button.setEnabled(selected)
        self.discard_button.setEnabled(selected)

    # jobs -----------------------------------------------------------------------------------------------------
    def generate(self):
        page = self.current_page()
        if page is None or self._busy:
            return
        try:
            prepared = api.prepare(Krita.instance().activeDocument(), page.panel, page.values())
        except Exception as e:  # noqa: BLE001 - one line for the user; the document is untouched
            self.status.setText(message_of(e))
            return
        self._busy = True
        self._job = None
        self.progress.setValue(0)
        self.progress.setFormat("%s: sending…" % page.panel.title)
        self.status.setText("Running %s…" % page.panel.title)
        self._update_buttons()
        bridge, connection = self.bridge, self.connection

        def work():
            try:
                job = api.submit(connection, prepared, on_progress=lambda f, m: bridge.progress.emit(
                    float(f), str(m or "")))
                self._job = job
                bridge.finished.emit(prepared, job.wait())
            except Exception as e:  # noqa: BLE001 - reported on the UI thread
                bridge.finished.emit(prepared, e)
        threading.Thread(target=work, name="atelier-job", daemon=True).start()

    def cancel(self):
        job = self._job
        if job is None:
            return
        self.progress.setFormat("Cancelling…")
        threading.Thread(target=lambda: _quietly(job.cancel), name="atelier-cancel", daemon=True).start()

    def _on_progress(self, fraction, message):
        if self._busy:
            self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
            self.progress.setFormat("%p%" + (" — " + message if message else ""))

    def _on_finished(self, prepared, outcome):
        self._busy = False
        self._job = None
        self.progress.setValue(0)
        self.progress.setFormat("")
        self._update_buttons()
        if isinstance(outcome, Exception):
            cancelled = getattr(outcome, "name", "") == "CANCELLED"
            self.status.setText("Cancelled; the document is unchanged" if cancelled else message_of(outcome))
            return
        names = prepared.panel.result_names(prepared.values, len(outcome.images))
        if prepared.document not in Krita.instance().documents():
            self.status.setText("The document was closed; the result is kept below (Apply as layer)")
            for name, image in zip(names, outcome.images):
                self._add_history(HistoryEntry(name, image, outcome.x, outcome.y))
            return
        try:
            api.finish(prepared, outcome)
        except Exception as e:  # noqa: BLE001
            self.status.setText(message_of(e))
            return
        x, y = prepared.source.placed
        for name, image in zip(names, outcome.images):
            self._add_history(HistoryEntry(name, image, x, y))
        notices = "; ".join(getattr(outcome, "notices", None) or [])
        added = ("Added layer '%s'" % names[0]) if len(names) == 1 else (
            "Added %d layers '%s' … '%s'" % (len(names), names[0], names[-1]))
        self.status.setText(added + ((" — " + notices) if notices else ""))

    # history --------------------------------------------------------------------------------------------------
    def _add_history(self, entry):
        self.history.append(entry)
        image = QImage(entry.rgba, entry.width, entry.height, 4 * entry.width, FORMAT_RGBA8888).copy()
        thumb = image.scaled(THUMB, THUMB, KEEP_ASPECT, SMOOTH)
        from .qt import QPixmap
        item = QListWidgetItem(QIcon(QPixmap.fromImage(thumb)), "%dx%d" % (entry.width, entry.height))
        item.setToolTip(entry.name)
        item.setData(USER_ROLE, len(self.history) - 1)
        self.history_list.addItem(item)
        self._update_buttons()

    def _selected_entry(self):
        item = self.history_list.currentItem()
        if item is None:
            return None, None
        return item, self.history[item.data(USER_ROLE)]

    def apply_selected(self):
        item, entry = self._selected_entry()
        if entry is None:
            return
        document = Krita.instance().activeDocument()
        if document is None:
            self.status.setText("Atelier: open a document first")
            return
        try:
            doc_mod.add_layer(document, entry.name, entry.rgba, entry.x, entry.y, entry.width, entry.height,
                              above=document.activeNode())
            self.status.setText("Added layer '%s'" % entry.name)
        except Exception as e:  # noqa: BLE001
            self.status.setText(message_of(e))

    def discard_selected(self):
        item, entry = self._selected_entry()
        if item is None:
            return
        self.history_list.takeItem(self.history_list.row(item))
        self.history[item.data(USER_ROLE)] = None
        self._update_buttons()


def _quietly(action):
    try:
        action()
    except Exception:  # noqa: BLE001 - a job that already ended cannot be cancelled; nothing to tell
        pass


def find_docker(window):
    """The docker instance in a Krita window (Window.dockers() does not exist in 5.1)."""
    from .qt import QDockWidget
    for dock in window.qwindow().findChildren(QDockWidget):
        if isinstance(dock, AtelierDocker):
            return dock
    return None


def register():
    app = Krita.instance()
    app.addDockWidgetFactory(DockWidgetFactory(DOCKER_ID, DockWidgetFactoryBase.DockRight, AtelierDocker))
