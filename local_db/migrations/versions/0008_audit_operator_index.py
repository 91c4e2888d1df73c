"""An index on the audit trail by operator and action, for the lockout count.

A wrong password is counted from the operator's own sign-in events only
(``login_failed``, ``operator_locked``, ``login_ok``, ``lockout_cleared``), however
many other rows came between; before, a backup or a print recorded in a locked-out
supervisor's name ended the run of wrong passwords, so guessing was unlimited.
This index finds those events at once on any size of file.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_log_operator_action", "audit_log", ["operator", "action"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_operator_action", table_name="audit_log")
