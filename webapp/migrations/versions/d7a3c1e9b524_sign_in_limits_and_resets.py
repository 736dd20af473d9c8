"""sign-in attempts counted in the database, roster lock on classes, forced password change

Revision ID: d7a3c1e9b524
Revises: d8b2f6a4c1e7
Create Date: 2026-12-07 03:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'd7a3c1e9b524'
down_revision = 'd8b2f6a4c1e7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sign_in_attempts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_attempts')),
    )
    with op.batch_alter_table('sign_in_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_attempts_key'), ['key'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_attempts_created_at'), ['created_at'], unique=False)
    with op.batch_alter_table('classrooms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('roster_locked', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('teachers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('teachers', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
    with op.batch_alter_table('classrooms', schema=None) as batch_op:
        batch_op.drop_column('roster_locked')
    with op.batch_alter_table('sign_in_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_attempts_created_at'))
        batch_op.drop_index(batch_op.f('ix_sign_in_attempts_key'))
    op.drop_table('sign_in_attempts')
