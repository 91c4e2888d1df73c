"""Initial schema: records, versions, outbox, audit log, institutions, settings, operators.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.Column('operator', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=True),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_record_id'), ['record_id'], unique=False)

    op.create_table('institutions',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    with op.batch_alter_table('institutions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_institutions_name'), ['name'], unique=False)

    op.create_table('operators',
    sa.Column('operator_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('operator_id')
    )
    op.create_table('receipt_counters',
    sa.Column('prefix', sa.String(length=32), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('prefix')
    )
    op.create_table('records',
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('receipt_no', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.Column('voided', sa.Boolean(), nullable=False),
    sa.Column('upload_state', sa.String(length=16), nullable=False),
    sa.Column('platform_ref', sa.String(length=64), nullable=True),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('cert_key', sa.String(length=40), nullable=True),
    sa.Column('institution_code', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('record_id'),
    sa.UniqueConstraint('receipt_no')
    )
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_records_cert_key'), ['cert_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_records_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_records_id_number'), ['id_number'], unique=False)
        batch_op.create_index('ix_records_kind_state', ['kind', 'upload_state'], unique=False)
        batch_op.create_index(batch_op.f('ix_records_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_records_upload_state'), ['upload_state'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('record_versions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('op', sa.String(length=8), nullable=False),
    sa.Column('void_reason', sa.String(length=200), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('entered_at', sa.String(length=32), nullable=False),
    sa.Column('entered_by', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['records.record_id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('record_id', 'version', name='uq_record_versions_record_version')
    )
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('queued_at', sa.String(length=32), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('batch_id', sa.String(length=36), nullable=True),
    sa.Column('platform_ref', sa.String(length=64), nullable=True),
    sa.Column('errors', sa.Text(), nullable=True),
    sa.Column('resolved_at', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(
        ['record_id', 'version'], ['record_versions.record_id', 'record_versions.version'], name='fk_outbox_record_version'
    ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('record_id', 'version', name='uq_outbox_record_version')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_state'), ['state'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_state'))
        batch_op.drop_index(batch_op.f('ix_outbox_batch_id'))

    op.drop_table('outbox')
    op.drop_table('record_versions')
    op.drop_table('settings')
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_records_upload_state'))
        batch_op.drop_index(batch_op.f('ix_records_name'))
        batch_op.drop_index('ix_records_kind_state')
        batch_op.drop_index(batch_op.f('ix_records_id_number'))
        batch_op.drop_index(batch_op.f('ix_records_created_at'))
        batch_op.drop_index(batch_op.f('ix_records_cert_key'))

    op.drop_table('records')
    op.drop_table('receipt_counters')
    op.drop_table('operators')
    with op.batch_alter_table('institutions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_institutions_name'))

    op.drop_table('institutions')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_record_id'))

    op.drop_table('audit_log')
