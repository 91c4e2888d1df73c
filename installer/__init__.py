"""The Windows installer: the PyInstaller spec, the NSIS script and the one-command build (``build.py``)."""
