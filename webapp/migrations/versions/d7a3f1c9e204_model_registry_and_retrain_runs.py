"""the classifier's model registry and the retraining runs, shared by every app machine

Revision ID: d7a3f1c9e204
Revises: d7a3f1c2b845
Create Date: 2026-12-07 04:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'd7a3f1c9e204'
down_revision = 'd7a3f1c2b845'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'model_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('artifact', sa.Text(), nullable=False),
        sa.Column('evaluation', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('accepted_at', sa.DateTime(), nullable=True),
        sa.Column('accepted_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['accepted_by_id'], ['teachers.id'],
                                name=op.f('fk_model_versions_accepted_by_id_teachers'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_model_versions')),
        sa.UniqueConstraint('sha256', name=op.f('uq_model_versions_sha256')),
    )
    with op.batch_alter_table('model_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_model_versions_accepted_at'), ['accepted_at'], unique=False)
    op.create_table(
        'retrain_runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('running_slot', sa.Integer(), nullable=True),
        sa.Column('teacher_id', sa.Integer(), nullable=True),
        sa.Column('teacher_name', sa.String(length=120), nullable=False),
        sa.Column('articles', sa.Integer(), nullable=False),
        sa.Column('labels', sa.Integer(), nullable=False),
        sa.Column('job', sa.JSON(), nullable=False),
        sa.Column('runner', sa.String(length=200), nullable=True),
        sa.Column('outcome', sa.JSON(), nullable=True),
        sa.Column('message', sa.Text(), nullable=True),
        sa.Column('candidate_id', sa.Integer(), nullable=True),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.CheckConstraint("state IN ('running', 'done', 'failed', 'accepted', 'declined')",
                           name=op.f('ck_retrain_runs_state')),
        sa.ForeignKeyConstraint(['candidate_id'], ['model_versions.id'],
                                name=op.f('fk_retrain_runs_candidate_id_model_versions'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['decided_by_id'], ['teachers.id'],
                                name=op.f('fk_retrain_runs_decided_by_id_teachers'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['teacher_id'], ['teachers.id'],
                                name=op.f('fk_retrain_runs_teacher_id_teachers'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_retrain_runs')),
        sa.UniqueConstraint('running_slot', name=op.f('uq_retrain_runs_running_slot')),
    )
    with op.batch_alter_table('retrain_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_retrain_runs_teacher_id'), ['teacher_id'], unique=False)


def downgrade():
    with op.batch_alter_table('retrain_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retrain_runs_teacher_id'))
    op.drop_table('retrain_runs')
    with op.batch_alter_table('model_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_model_versions_accepted_at'))
    op.drop_table('model_versions')
