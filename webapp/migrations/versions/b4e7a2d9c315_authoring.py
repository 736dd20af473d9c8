"""teacher authoring: article drafts, story owners, key label client ids

Revision ID: b4e7a2d9c315
Revises: 62c9a152e686
Create Date: 2026-12-04 23:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b4e7a2d9c315'
down_revision = '62c9a152e686'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('article_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('source_name', sa.String(length=255), nullable=False),
    sa.Column('source_format', sa.String(length=10), nullable=False),
    sa.Column('raw_text', sa.Text(), nullable=False),
    sa.Column('declared', sa.JSON(), nullable=False),
    sa.Column('kept', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['teachers.id'], name=op.f('fk_article_drafts_owner_id_teachers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_drafts'))
    )
    with op.batch_alter_table('article_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_drafts_owner_id'), ['owner_id'], unique=False)

    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_stories_owner_id'), ['owner_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_stories_owner_id_teachers'), 'teachers', ['owner_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('key_labels', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_id', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint('uq_key_labels_author_client', ['article_id', 'author_id', 'client_id'])


def downgrade():
    with op.batch_alter_table('key_labels', schema=None) as batch_op:
        batch_op.drop_constraint('uq_key_labels_author_client', type_='unique')
        batch_op.drop_column('client_id')

    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_stories_owner_id_teachers'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_stories_owner_id'))
        batch_op.drop_column('owner_id')

    with op.batch_alter_table('article_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_drafts_owner_id'))

    op.drop_table('article_drafts')
