"""The Qt application: one main window for the clerk."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from clerk_app import __version__


def run(args: argparse.Namespace) -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle(f"道路运输从业资格窗口客户端 {__version__}")
    window.setCentralWidget(QLabel("窗口界面正在建设中，请先使用命令行：clerk-app --help"))
    window.resize(1024, 700)
    window.show()
    return app.exec()
