"""contact version

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

``contacts.version``: an integer bumped by every write of a contact (or of its emails,
phones, addresses, URLs, tags, photo), so that saving a copy loaded earlier detects that
the row changed meanwhile instead of overwriting it. Existing rows start at 1.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), server_default="1", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("version")
