"""CardDAV sync: accounts, the per-card status of the last good sync, conflicts and a log

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sync_accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(), nullable=False),
    sa.Column('username', sa.String(), nullable=False),
    sa.Column('book_url', sa.String(), nullable=False),
    sa.Column('book_name', sa.String(), nullable=False),
    sa.Column('vcard_version', sa.String(length=3), nullable=False),
    sa.Column('sync_token', sa.Text(), nullable=False),
    sa.Column('last_sync_at', sa.DateTime(), nullable=True),
    sa.Column('last_result', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_accounts'))
    )
    op.create_table('sync_status',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('ident', sa.String(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('local_hash', sa.String(), nullable=False),
    sa.Column('href', sa.String(), nullable=False),
    sa.Column('etag', sa.String(), nullable=False),
    sa.Column('remote_hash', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['sync_accounts.id'], name=op.f('fk_sync_status_account_id_sync_accounts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_sync_status_contact_id_contacts'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_status'))
    )
    with op.batch_alter_table('sync_status', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_status_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_status_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index('ux_sync_status_account_ident', ['account_id', 'ident'], unique=True)
    op.create_table('sync_conflicts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('local_vcard', sa.Text(), nullable=False),
    sa.Column('remote_vcard', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['sync_accounts.id'], name=op.f('fk_sync_conflicts_account_id_sync_accounts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_sync_conflicts_contact_id_contacts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflicts'))
    )
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflicts_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflicts_contact_id'), ['contact_id'], unique=False)
    op.create_table('sync_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('level', sa.String(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['sync_accounts.id'], name=op.f('fk_sync_log_account_id_sync_accounts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_sync_log_contact_id_contacts'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_log'))
    )
    with op.batch_alter_table('sync_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_log_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_log_contact_id'), ['contact_id'], unique=False)


def downgrade() -> None:
    op.drop_table('sync_log')
    op.drop_table('sync_conflicts')
    op.drop_table('sync_status')
    op.drop_table('sync_accounts')
