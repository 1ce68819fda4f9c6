"""PyQt shim: Krita 5 ships PyQt5, Krita 6 will ship PyQt6. Import Qt names from here, never from PyQt directly.

Only names the plug-in uses are exported; enums are resolved in both the flat (PyQt5) and the scoped (PyQt6)
spelling so calling code needs no version checks.
"""

try:  # Krita 5.x
    from PyQt5 import QtCore, QtGui, QtWidgets  # noqa: F401
    from PyQt5.QtCore import QByteArray, QObject, QSize, Qt, QTimer  # noqa: F401
    from PyQt5.QtCore import pyqtSignal as Signal  # noqa: F401
    QT_API = "PyQt5"
except ImportError:  # Krita 6.x
    from PyQt6 import QtCore, QtGui, QtWidgets  # noqa: F401
    from PyQt6.QtCore import QByteArray, QObject, QSize, Qt, QTimer  # noqa: F401
    from PyQt6.QtCore import pyqtSignal as Signal  # noqa: F401
    QT_API = "PyQt6"


QApplication = QtWidgets.QApplication
QWidget = QtWidgets.QWidget
QLabel = QtWidgets.QLabel
QLineEdit = QtWidgets.QLineEdit
QPlainTextEdit = QtWidgets.QPlainTextEdit
QSlider = QtWidgets.QSlider
QSpinBox = QtWidgets.QSpinBox
QDoubleSpinBox = QtWidgets.QDoubleSpinBox
QComboBox = QtWidgets.QComboBox
QCheckBox = QtWidgets.QCheckBox
QPushButton = QtWidgets.QPushButton
QToolButton = QtWidgets.QToolButton
QProgressBar = QtWidgets.QProgressBar
QListWidget = QtWidgets.QListWidget
QListWidgetItem = QtWidgets.QListWidgetItem
QTabWidget = QtWidgets.QTabWidget
QVBoxLayout = QtWidgets.QVBoxLayout
QHBoxLayout = QtWidgets.QHBoxLayout
QFormLayout = QtWidgets.QFormLayout
QGroupBox = QtWidgets.QGroupBox
QScrollArea = QtWidgets.QScrollArea
QDockWidget = QtWidgets.QDockWidget
QImage = QtGui.QImage
QPixmap = QtGui.QPixmap
QIcon = QtGui.QIcon
QIntValidator = QtGui.QIntValidator
QRegularExpression = QtCore.QRegularExpression
QRegularExpressionValidator = QtGui.QRegularExpressionValidator


def _enum(owner, scope, name):
    """Returns owner.name (PyQt5) or owner.scope.name (PyQt6)."""
    value = getattr(owner, name, None)
    if value is None:
        value = getattr(getattr(owner, scope), name)
    return value


HORIZONTAL = _enum(Qt, "Orientation", "Horizontal")
ALIGN_TOP = _enum(Qt, "AlignmentFlag", "AlignTop")
USER_ROLE = _enum(Qt, "ItemDataRole", "UserRole")
KEEP_ASPECT = _enum(Qt, "AspectRatioMode", "KeepAspectRatio")
SMOOTH = _enum(Qt, "TransformationMode", "SmoothTransformation")
TEXT_SELECTABLE = _enum(Qt, "TextInteractionFlag", "TextSelectableByMouse")
FORMAT_RGBA8888 = _enum(QImage, "Format", "Format_RGBA8888")
ICON_MODE = _enum(QListWidget, "ViewMode", "IconMode")
SCROLL_AS_NEEDED = _enum(Qt, "ScrollBarPolicy", "ScrollBarAsNeeded")


def qbytes(data):
    """bytes -> QByteArray (what Krita's setPixelData takes)."""
    return QByteArray(bytes(data))
