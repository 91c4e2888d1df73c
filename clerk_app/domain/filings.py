"""Continuing-education filings (备案): who files which institution, and which hours it may give.

DOMAIN.md ("Continuing-education filings"): offline institutions are filed by
a county or city, online ones by the province or the ministry. A session's
mode must be the institution's filing mode (``mode_not_filed``) and may not
start before its ``filed_on`` (``date_before_filing``). A filing recorded at
the window that breaks the level rule is refused; a registry entry from the
platform that breaks it is kept and shown flagged (``filing_problem``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from clerk_app.domain.kinds import FILING_LEVELS, FILING_MODES, SESSION_MODES
from clerk_app.domain.problems import Problem, problem

LEVELS_BY_MODE: dict[str, tuple[str, ...]] = {
    "offline": ("county", "city"),
    "online": ("provincial", "ministry"),
}

def filing_problem(filing: Mapping[str, object] | None, path: str = "filing.level") -> Problem | None:
    """``filing_level_mismatch`` when the filing's level does not go with its mode; None if it does (or is incomplete)."""
    if not filing:
        return None
    mode, level = filing.get("mode"), filing.get("level")
    if not isinstance(mode, str) or not isinstance(level, str) or mode not in LEVELS_BY_MODE:
        return None
    allowed = LEVELS_BY_MODE[mode]
    if level in allowed:
        return None
    return problem(
        "filing_level_mismatch",
        path,
        mode=(FILING_MODES[mode], mode),
        level=(FILING_LEVELS.get(level, level), level),
        levels=("或".join(FILING_LEVELS[a] for a in allowed), " or ".join(allowed)),
    )


def session_problems(
    sessions: Sequence[Mapping[str, object]], filing: Mapping[str, object], *, code: str, name: str, path: str = "sessions"
) -> list[Problem]:
    """``mode_not_filed`` and ``date_before_filing`` for each session that breaks the institution's filing."""
    found: list[Problem] = []
    filed_mode, filed_on = filing.get("mode"), filing.get("filed_on")
    named = {"institution_code": code, "name": name}
    for i, session in enumerate(sessions):
        mode = session.get("mode")
        if isinstance(mode, str) and isinstance(filed_mode, str) and mode != filed_mode:
            found.append(
                problem(
                    "mode_not_filed",
                    f"{path}.{i}.mode",
                    filed=(FILING_MODES.get(filed_mode, filed_mode), filed_mode),
                    mode=(SESSION_MODES.get(mode, mode), mode),
                    **named,
                )
            )
        start = session.get("start_date")
        # Dates are YYYY-MM-DD here, so text order is date order.
        if isinstance(start, str) and isinstance(filed_on, str) and start < filed_on:
            found.append(problem("date_before_filing", f"{path}.{i}.start_date", value=start, filed_on=filed_on, **named))
    return found
