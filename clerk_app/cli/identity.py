"""Who acts on the command line: the operator proves it with their password before any change.

``--operator ID`` only names someone; every command that changes something
asks for that operator's password (and a correction of an accepted record for
the approving supervisor's) and has ``OperatorService`` check it, so a wrong
or missing password saves nothing, and is slowed down and counted there.

Where the passwords come from:
- ``--password-stdin``: standard input, one line each, in this order: the
  operator's password, then the second secret the command needs (the new
  operator's password for ``operators add``, the approving supervisor's for
  ``correct --approve-by``, the window account's secret for ``login``).
  JSON then comes from a file (``--json FILE``), never from standard input.
- a terminal: asked without echo.
- otherwise (piped, without ``--password-stdin``): lines of standard input as
  above, unless the command reads its JSON there (then the password is missing).
"""

from __future__ import annotations

import getpass
import sys

from clerk_app.cli.context import CliContext, CommandError
from clerk_app.domain.operator_ids import unproven
from clerk_app.domain.problems import problem
from clerk_app.services.operators import OperatorRefused, OperatorService


def _json_on_stdin(ctx: CliContext) -> bool:
    return getattr(ctx.args, "json_source", None) == "-"


def refuse_json_on_password_stdin(ctx: CliContext) -> None:
    """Standard input cannot carry both: with ``--password-stdin`` the JSON must come from a file."""
    if getattr(ctx.args, "password_stdin", False) and _json_on_stdin(ctx):
        raise CommandError([problem("json_needs_file", "json")])


def read_secret(ctx: CliContext, prompt: str) -> str:
    """The next secret, from where this run takes them (see the module's docstring); '' when there is none."""
    if getattr(ctx.args, "password_stdin", False):
        refuse_json_on_password_stdin(ctx)
        return sys.stdin.readline().rstrip("\r\n")
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    if _json_on_stdin(ctx):
        return ""
    return sys.stdin.readline().rstrip("\r\n")


def proven_operator(ctx: CliContext) -> str:
    """The operator's ID as registered, once their password is checked; raises CommandError otherwise.

    On the training database nobody needs to prove anything (the services say so).
    """
    operators = OperatorService(ctx.database(write=True))
    if operators.exempt():
        return ctx.operator
    if not operators.any_supervisor():
        raise CommandError([problem("no_supervisor_yet")])
    password = read_secret(ctx, f"操作员 {ctx.operator} 的密码: ")
    if not password:
        raise CommandError([problem("password_missing", "password", operator=ctx.operator)])
    try:
        return operators.sign_in(ctx.operator, password).operator_id
    except OperatorRefused as refused:
        raise CommandError([refused.problem]) from None


def recorded_operator(ctx: CliContext) -> str:
    """Who a command that asks no password (upload, backup, print) is recorded for, on its open database.

    A registered name is recorded as registered; a name nobody registered is never recorded as if it were an
    operator, but marked unproven beside the OS user, and the command goes on (uploads are scripted).
    """
    info = OperatorService(ctx.database(write=True)).get(ctx.operator)
    return info.operator_id if info is not None else unproven(ctx.operator, os_user())


def os_user() -> str:
    """The OS account running this command, as printable text ('?' where it cannot be told)."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "?"
    return user.encode("utf-8", "replace").decode("utf-8")
