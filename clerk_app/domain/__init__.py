"""The window's rules, free of Qt and SQL: what an entry must look like, and what it means.

Everything here is plain Python on plain data, so the GUI, the command line,
the import and the tests all apply exactly the same rules.
"""

from clerk_app.domain.ce_cycle import CeRule, CycleSummary, current_cycle, cycle_summary
from clerk_app.domain.duplicates import (
    ExistingRecord,
    certificate_key,
    classify_duplicates,
)
from clerk_app.domain.id_number import (
    IdNumber,
    mask_id_number,
    mask_phone,
    parse_id_number,
)
from clerk_app.domain.institutions import to_info, validate_institution
from clerk_app.domain.masking import PersonalDataFilter
from clerk_app.domain.problems import Problem, problem
from clerk_app.domain.validation import (
    InstitutionInfo,
    Validated,
    ValidationContext,
    validate_record,
    validate_void_reason,
)

__all__ = [
    "CeRule",
    "CycleSummary",
    "ExistingRecord",
    "IdNumber",
    "InstitutionInfo",
    "PersonalDataFilter",
    "Problem",
    "Validated",
    "ValidationContext",
    "certificate_key",
    "classify_duplicates",
    "current_cycle",
    "cycle_summary",
    "mask_id_number",
    "mask_phone",
    "parse_id_number",
    "problem",
    "to_info",
    "validate_institution",
    "validate_record",
    "validate_void_reason",
]
