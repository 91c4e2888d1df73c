"""Dates as the rulings bound them: one way to add years, the earliest date, ages.

DOMAIN.md ("Dates and ages"): no date field is before 2000-01-01 or after
today; ages are counted in whole years on a given day; and ONE function adds
years to a date everywhere (certificate validity on the platform, CE cycles,
printing): the same month and day N years later, 29 February becoming
28 February in a common year. Everyone calling ``add_years`` is what keeps the
platform's validity and the window's cycles from disagreeing by a day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from clerk_app import clock

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
    """Whole years of age on ``day``, by ``add_years``: someone born on 29 February is N on 28 February of a common year.

    DOMAIN.md, second rulings ("29 February"): the 18-year floor and the
    60-year ceiling follow the one add-years function, so a birthday is the
    day ``add_years(birth_date, N)`` names.
    """
    years = day.year - birth_date.year
    return years - 1 if add_years(birth_date, years) > day else years


# The platform refuses a version entered more than this many days before its own day (second rulings).
ENTERED_AT_MAX_DAYS_BEFORE = 60


def application_day(entered_at: str) -> date:
    """The application day of a record: the China Standard Time date of its first version's ``entered_at``.

    DOMAIN.md, second rulings ("The application day"): every judgement of a
    record (age ceilings and floors, the renewal window, already certified,
    certificate validity, institution status) is taken on this day, by the
    window and the platform alike, however late the upload comes. Raises
    ValueError for text that is no RFC 3339 time.
    """
    moment = datetime.fromisoformat(entered_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=clock.CST)
    return moment.astimezone(clock.CST).date()


def entered_day_in_range(entered_on: date, today: date) -> bool:
    """Whether a version entered on ``entered_on`` may still be judged on ``today`` (not after it, at most 60 days before)."""
    return today - timedelta(days=ENTERED_AT_MAX_DAYS_BEFORE) <= entered_on <= today
