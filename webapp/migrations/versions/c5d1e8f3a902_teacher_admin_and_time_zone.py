"""teachers: an administrator flag and a time zone

Revision ID: c5d1e8f3a902
Revises: b4e7a2d9c315
Create Date: 2026-12-06 19:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c5d1e8f3a902'
down_revision = 'b4e7a2d9c315'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('teachers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_admin', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('time_zone', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('teachers', schema=None) as batch_op:
        batch_op.drop_column('time_zone')
        batch_op.drop_column('is_admin')
