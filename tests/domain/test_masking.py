"""What reaches a log file: no ID number and no mobile number, whatever the program logged."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from clerk_app.domain.masking import PersonalDataFilter, mask_personal_data
from tests.domain.support import full_width, id_ending_in_x, id_number

ID = id_ending_in_x()


@pytest.fixture
def log() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(PersonalDataFilter())
    logger = logging.getLogger("tests.domain.masking")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield logger, stream
    logger.removeHandler(handler)


def test_numbers_in_arguments_are_masked(log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = log
    logger.info("saved %s phone=%s", ID, "13800138000")
    assert stream.getvalue() == f"INFO saved {ID[:4]}**********{ID[-4:]} phone=138****8000\n"


def test_numbers_in_the_message_dicts_and_lower_case_are_masked(log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = log
    logger.warning("payload %(p)s", {"p": {"id_number": ID.lower(), "phone": "138-0013-8000"}})
    logger.warning(f"身份证{id_number()}，手机13800138000。")  # noqa: G004 - a careless f-string is masked too
    logger.warning("full width %s", full_width(id_number()))
    text = stream.getvalue()
    for secret in (ID.lower(), "138-0013-8000", id_number(), "13800138000", full_width(id_number())):
        assert secret not in text
    assert "身份证2201" in text


def test_tracebacks_are_masked(log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = log
    try:
        raise ValueError(f"bad record {ID}")
    except ValueError:
        logger.exception("failed")
    text = stream.getvalue()
    assert "Traceback" in text and "ValueError: bad record 2201" in text and ID not in text


def test_a_broken_format_string_is_still_masked(log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = log
    logger.error("two %s %s", ID)
    assert "two" in stream.getvalue() and ID not in stream.getvalue()


def test_other_numbers_are_left_alone() -> None:
    text = "receipt 000000-01-20250630-0001, 24 hours, batch 12345678901234567890, year 2025"
    assert mask_personal_data(text) == text
