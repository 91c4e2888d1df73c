"""Per-printer offsets in millimetres: the stored shape, its check, and the arithmetic of calibration.

Kept apart from ``calibration`` (which reads and writes the setting) so that
the settings declaration can use the parser without importing the service
that uses the settings.
"""

from __future__ import annotations

import json
import math
from typing import Any

LIMIT_MM = 30.0  # a printer further off than 3 cm is mis-fed paper, not something to calibrate away

# Where the test page's crosshair is meant to be, in mm from the paper's top-left corner.
CROSSHAIR_MM = (20.0, 20.0)


def parse_offsets(text: str) -> dict[str, list[float]]:
    """The setting's value: ``{"printer name": [x_mm, y_mm], ...}``; ValueError(zh, en) if it is not that."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, dict):
        raise ValueError(
            '请填写 JSON，例如 {"证书打印机": [1.5, -0.5]}（单位毫米，向右、向下为正）',
            'give JSON such as {"printer": [1.5, -0.5]}',
        )
    return {str(name): list(checked_pair(pair)) for name, pair in value.items()}


def checked_pair(pair: Any) -> tuple[float, float]:
    if not (isinstance(pair, (list, tuple)) and len(pair) == 2):
        raise ValueError("每台打印机的偏移应为 [横向毫米, 纵向毫米]", "each printer's offset is [x_mm, y_mm]")
    result = []
    for value in pair:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError("偏移应为数字（毫米）", "offsets are numbers of millimetres")
        if abs(value) > LIMIT_MM:
            raise ValueError(
                f"偏移不能超过 ±{LIMIT_MM:g} 毫米；偏差这么大请先检查纸张是否放正",
                f"an offset cannot exceed ±{LIMIT_MM:g} mm; check how the paper is fed",
            )
        result.append(round(float(value), 1))
    return result[0], result[1]


def corrected(current: tuple[float, float], measured: tuple[float, float]) -> tuple[float, float]:
    """New offsets from where the test page's crosshair was measured (it was printed with ``current``).

    The crosshair should sit at CROSSHAIR_MM; whatever it is off by is added to
    the offsets already in use.
    """
    return checked_pair([current[i] + CROSSHAIR_MM[i] - measured[i] for i in range(2)])
