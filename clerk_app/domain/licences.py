"""Which driving-licence classes cover which (相应等级), and which can ever get a freight certificate.

DOMAIN.md ("Licence classes that cover the trained class"): a licence lets
its holder drive its own class and the classes the national table says it
covers. A qualification application is compared with the completion's class:
an A2 completion needs an A2 licence; a B2 completion an A1, A2 or B2 one.
So the window offers only A1, A2 and B2 as the applicant's licence class.
"""

from __future__ import annotations

# The national licence-class table: the classes each class covers besides itself.
COVERED_CLASSES: dict[str, frozenset[str]] = {
    "A1": frozenset({"A3", "B1", "B2", "C1", "C2", "C3", "C4", "M"}),
    "A2": frozenset({"B1", "B2", "C1", "C2", "C3", "C4", "C6", "M"}),
    "A3": frozenset({"C1", "C2", "C3", "C4"}),
    "B1": frozenset({"C1", "C2", "C3", "C4", "M"}),
    "B2": frozenset({"C1", "C2", "C3", "C4", "M"}),
    "C1": frozenset({"C2", "C3", "C4"}),
    "C3": frozenset({"C4"}),
    "D": frozenset({"E", "F"}),
    "E": frozenset({"F"}),
}

# The licence classes an application may name: the only ones covering A2 or B2.
APPLICATION_LICENCE_CLASSES = ("A1", "A2", "B2")


def covers(licence_class: str, trained_class: str) -> bool:
    """Whether a licence of ``licence_class`` lets its holder drive ``trained_class``."""
    return licence_class == trained_class or trained_class in COVERED_CLASSES.get(licence_class, frozenset())
