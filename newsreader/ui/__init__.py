"""PySide6 user interface. Entry point: ``newsreader.ui.app.run_gui``."""
