"""What the counter prints: receipts, certificates, CE statements, the day's reconciliation, filing forms.

Everything here makes PDF bytes with ReportLab and knows nothing of Qt; the
window's preview and printer code (``ui/printing.py``) and the command line
(``clerk-app print ...``) both start from ``service.PrintService``.
"""
