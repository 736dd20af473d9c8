"""``framelab reset-password``: the administrator's reset from the command line, for a server
whose only administrator forgot their own password."""

from __future__ import annotations

import click


@click.command("reset-password")
@click.argument("email")
@click.option("--password", help="The new password (at least 10 characters). Without it, a temporary password "
                                 "is made and printed, and must be changed at the next sign-in.")
def reset_password_command(email: str, password: str | None) -> None:
    """Reset the password of the teacher account EMAIL (their sign-in name); signs them out everywhere."""
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.models import Teacher
    from webapp.services import accounts
    from webapp.web.commands import _app

    app = _app()
    with app.app_context():
        teacher = db.session.scalar(select(Teacher).where(Teacher.email == accounts.normalise_email(email)))
        if teacher is None:
            raise click.ClickException(f"There is no teacher account “{email}” on this server.")
        try:
            temporary = accounts.reset_password(db.session, teacher, password)
        except accounts.AccountError as error:
            raise click.ClickException(str(error)) from None
        db.session.commit()
        address = teacher.email
    if temporary:
        click.echo(f"temporary password for {address}: {temporary}")
        click.echo("they must choose a new one when they sign in; they were signed out everywhere")
    else:
        click.echo(f"password of {address} set; they were signed out everywhere")


COMMANDS = [reset_password_command]
