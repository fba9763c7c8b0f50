"""duplicates: extra vCard UIDs of merged contacts, "not the same person" decisions

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

Two new tables, nothing else changes: contact_uids (the UIDs of contacts merged into a
contact, so a re-import or a sync still finds it) and duplicate_rejections (pairs of
contacts a person said are different people, never proposed again).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('contact_uids',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_contact_uids_contact_id_contacts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_uids'))
    )
    with op.batch_alter_table('contact_uids', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_uids_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_uids_uid'), ['uid'], unique=False)

    op.create_table('duplicate_rejections',
    sa.Column('contact_a', sa.Integer(), nullable=False),
    sa.Column('contact_b', sa.Integer(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contact_a'], ['contacts.id'], name=op.f('fk_duplicate_rejections_contact_a_contacts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contact_b'], ['contacts.id'], name=op.f('fk_duplicate_rejections_contact_b_contacts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('contact_a', 'contact_b', name=op.f('pk_duplicate_rejections'))
    )
    with op.batch_alter_table('duplicate_rejections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duplicate_rejections_contact_b'), ['contact_b'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('duplicate_rejections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duplicate_rejections_contact_b'))

    op.drop_table('duplicate_rejections')
    with op.batch_alter_table('contact_uids', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_uids_uid'))
        batch_op.drop_index(batch_op.f('ix_contact_uids_contact_id'))

    op.drop_table('contact_uids')
