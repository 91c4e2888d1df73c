"""Devices on the clerk's desk (the ID-card reader), without widgets: the window polls them on a worker thread."""
