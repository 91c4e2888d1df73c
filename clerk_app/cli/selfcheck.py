"""``clerk-app self-check [--json]``: prove the installed program works, without touching the clerks' data.

Exit 0 when every step passed, 1 when one failed (the output says which).
The steps themselves are in ``clerk_app.selfcheck``.
"""

from __future__ import annotations

import argparse

from clerk_app import __version__, selfcheck
from clerk_app.cli.context import EXIT_OK, EXIT_PROBLEMS, CliContext


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "self-check", help="自检：在临时目录中建库、保存记录、生成证书、打印、与本机参考平台通信（不影响正式数据）"
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    # Logs go to the check's temporary folder, never to the clerks' data folder.
    parser.set_defaults(handler=_self_check, logs_in_data_dir=False)


def _self_check(ctx: CliContext) -> int:
    report = selfcheck.run()
    ok = report.ok
    if ctx.args.json:
        steps = [step.as_dict(ctx.lang) for step in report.steps]
        ctx.emit({"ok": ok, "version": __version__, "steps": steps, "warnings": report.warnings})
    else:
        en = ctx.lang == "en"
        title = "self-check (temporary folder; real data untouched)" if en else "自检（临时目录，不影响正式数据）"
        print(f"clerk-app {__version__} {title}")
        for step in report.steps:
            label = selfcheck.STATUS_LABELS[step.status][en]
            print(f"  [{label}] {selfcheck.TITLES[step.name][en]}: {step.detail} ({step.seconds:.2f} s)")
        for warning in report.warnings:
            print(f"  {'warning' if en else '警告'}: {warning}")
        failed = sum(step.status != "ok" for step in report.steps)
        if en:
            print("All checks passed." if ok else f"Self-check FAILED: {failed} step(s) not passed.")
        else:
            print("自检全部通过。" if ok else f"自检未通过：{failed} 项没有通过，请把以上内容发给技术支持。")
    return EXIT_OK if ok else EXIT_PROBLEMS
