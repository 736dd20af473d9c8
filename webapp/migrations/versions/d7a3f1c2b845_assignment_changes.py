"""assignments that can be changed (unassigned with work kept, returned work); draft edits

Revision ID: d7a3f1c2b845
Revises: d7a3c1e9b524
Create Date: 2026-12-07 03:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'd7a3f1c2b845'
down_revision = 'd7a3c1e9b524'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unassigned_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('returned_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('article_drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edits', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('article_drafts', schema=None) as batch_op:
        batch_op.drop_column('edits')
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.drop_column('returned_at')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_column('unassigned_at')
