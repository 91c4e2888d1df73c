"""吉林省道路运输从业资格窗口客户端 (window client for road-transport qualification work)."""

__version__ = "0.1.0"
