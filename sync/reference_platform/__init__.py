"""The reference platform: a real HTTP server speaking the whole platform contract, for development, tests and training.

    platform = ReferencePlatform(db_path, [Account("window-1", "secret")])
    url = platform.start()          # http://127.0.0.1:PORT/api/v1
    platform.inject("reset")        # the next POST /batches gets a connection reset
    platform.stop()
"""

from sync.reference_platform.auth import Account
from sync.reference_platform.server import ReferencePlatform

__all__ = ["Account", "ReferencePlatform"]
