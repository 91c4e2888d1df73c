"""Dates as the rulings bound them: one way to add years, the earliest date, ages.

DOMAIN.md ("Dates and ages"): no date field is before 2000-01-01 or after
today; ages are counted in whole years on a given day; and ONE function adds
years to a date everywhere (certificate validity on the platform, CE cycles,
printing): the same month and day N years later, 29 February becoming
28 February in a common year. Everyone calling ``add_years`` is what keeps the
platform's validity and the window's cycles from disagreeing by a day.
"""

from __future__ import annotations

from datetime import date

EARLIEST_DATE = date(2000, 1, 1)

# The freight qualification exam channel closed on this day (吉交运〔2020〕294号).
EXAM_CHANNEL_CLOSED_ON = date(2020, 12, 31)

ADULT_AGE = 18


def add_years(day: date, years: int) -> date:
    """The same month and day ``years`` later (or earlier, if negative); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on ``day`` (someone born on 29 February turns a year older on 1 March in common years)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
