"""Commands on settings: config set KEY VALUE, config show."""

from __future__ import annotations

import argparse

from clerk_app.cli.context import EXIT_OK, CliContext, CommandError
from clerk_app.cli.identity import proven_operator
from clerk_app.services.settings import SPECS, SettingRefused, SettingsService


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("config", help="窗口设置").add_subparsers(dest="config_command", required=True)
    set_ = group.add_parser("set", help="修改一项设置")
    set_.add_argument("key", metavar="KEY", help="one of: " + ", ".join(sorted(SPECS)))
    set_.add_argument("value")
    set_.set_defaults(handler=_set)
    show = group.add_parser("show", help="显示全部设置")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)


def _set(ctx: CliContext) -> int:
    try:
        value = SettingsService(ctx.database(write=True)).set(ctx.args.key, ctx.args.value, operator=proven_operator(ctx))
    except SettingRefused as refused:
        raise CommandError([refused.problem]) from None
    ctx.emit({ctx.args.key: value})
    return EXIT_OK


def _show(ctx: CliContext) -> int:
    values = SettingsService(ctx.database(write=False)).all()
    if ctx.args.json:
        ctx.emit(values)
    else:
        for key, value in values.items():
            print(f"{key} = {value}    # {SPECS[key].label_zh}")
    return EXIT_OK
