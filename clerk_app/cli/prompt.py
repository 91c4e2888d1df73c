"""Reading a password or secret: from the terminal without echo, or one line of standard input when piped."""

from __future__ import annotations

import getpass
import sys


def read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")
