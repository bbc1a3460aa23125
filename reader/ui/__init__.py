"""Qt widgets, models and the analysis client: the only package that imports PySide6."""

from reader.ui.main_window import MainWindow

__all__ = ["MainWindow"]
