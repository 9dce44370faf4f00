"""The demo sign-ins, read back from the database so they can be shown whenever the command runs."""

import re

from steptwo.accounts.models import User
from steptwo.demo.generators.staff import PASSWORD, PERSONAS

URL = "http://127.0.0.1:8000"


def rows():
    """(username, role, teams) for each demo persona in the database, in persona order."""
    found = User.objects.filter(username__in=[persona.username for persona in PERSONAS]).prefetch_related("teams")
    by_username = {user.username: user for user in found}
    return [
        (user.username, user.get_role_display(), _teams(user))
        for persona in PERSONAS
        if (user := by_username.get(persona.username))
    ]


def numbered_ranges():
    """Like "pwp-2 to pwp-128": the other demo staff, who sign in the same way."""
    ranges = []
    for persona in PERSONAS:
        pattern = re.compile(rf"^{re.escape(persona.username)}-(\d+)$")
        usernames = User.objects.filter(username__startswith=f"{persona.username}-").values_list("username", flat=True)
        numbers = sorted(int(match[1]) for username in usernames if (match := pattern.match(username)))
        if len(numbers) == 1:
            ranges.append(f"{persona.username}-{numbers[0]}")
        elif numbers:
            ranges.append(f"{persona.username}-{numbers[0]} to {persona.username}-{numbers[-1]}")
    return ranges


def text():
    found = rows()
    if not found:
        return "No demo sign-ins: this database was not filled by seed_demo.\n"
    widths = [max(len(row[column]) for row in [("Username", "Role", "Teams"), *found]) for column in range(3)]
    lines = [f"Demo sign-ins. Every account's password is: {PASSWORD}", ""]
    for row in [("Username", "Role", "Teams"), *found]:
        lines.append("  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip())
    if extra := numbered_ranges():
        lines += ["", f"Also, with the same password: {', '.join(extra)}."]
    lines += ["", f"Sign in at {URL} once the server is running (make run)."]
    return "\n".join(lines) + "\n"


def _teams(user):
    teams = [team.name for team in user.teams.all()]
    if not teams:
        return "(no team)"
    if len(teams) > 3:
        return f"All {len(teams)} teams" if len(teams) == user.service.teams.count() else f"{len(teams)} teams"
    return ", ".join(teams)
