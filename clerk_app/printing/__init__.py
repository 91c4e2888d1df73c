"""What the counter prints: receipts, certificates, CE statements, the day's reconciliation, filing forms.

Everything here makes PDF bytes with ReportLab and knows nothing of Qt, except
``printer``, which puts a job on a printer through QtGui/QtPrintSupport (no
widgets). The window's dialogs (``ui/printing.py``) and the command line
(``clerk-app print ...``) both start from ``service.PrintService``.
"""
