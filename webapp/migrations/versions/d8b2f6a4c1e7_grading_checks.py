"""grading: CHECK constraints on submission statuses, exercise modes and label confidence

Revision ID: d8b2f6a4c1e7
Revises: c5d1e8f3a902
Create Date: 2026-12-07 04:00:00

The words are those of webapp.grading.states, written out here as they were when this ran (a
migration must not change when the code does). Batch mode, so SQLite rebuilds the tables.
"""
from alembic import op

revision = 'd8b2f6a4c1e7'
down_revision = 'c5d1e8f3a902'
branch_labels = None
depends_on = None

CHECKS = (
    ('submissions', 'ck_submissions_status', "status IN ('in_progress', 'submitted')"),
    ('exercises', 'ck_exercises_mode', "mode IN ('practice', 'graded')"),
    ('labels', 'ck_labels_confidence', "confidence IN ('sure', 'unsure')"),
)


def upgrade():
    for table, name, condition in CHECKS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint(op.f(name), condition)


def downgrade():
    for table, name, _condition in reversed(CHECKS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(name), type_='check')
