"""The Jinja2 environment: Django's loader first, then the NHS.UK macros from nhsuk-frontend-jinja."""

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from steptwo.core import formatting
from steptwo.core.forms.nhsuk import error_summary_items, nhsuk_field


def environment(**options):
    options["loader"] = ChoiceLoader([options["loader"], PackageLoader("nhsuk_frontend_jinja")])
    options["undefined"] = ChainableUndefined
    options.setdefault("extensions", []).append("jinja2.ext.do")
    env = Environment(trim_blocks=True, lstrip_blocks=True, **options)
    env.globals.update(
        {
            "static": static,
            "url": lambda name, *args, **kwargs: reverse(name, args=args or None, kwargs=kwargs or None),
            "get_messages": get_messages,
            "nhsuk_field": nhsuk_field,
            "error_summary_items": error_summary_items,
            "awaiting_triage_count": _awaiting_triage_count,
            "open_task_count": _open_task_count,
        }
    )
    env.filters.update(
        {
            "nhs_number": formatting.format_nhs_number,
            "date": formatting.format_date,
            "datetime": formatting.format_datetime,
            "age": formatting.age_on,
        }
    )
    return env


def _awaiting_triage_count(user):
    """Incoming referrals awaiting triage in the user's service, for the header (imported late: models)."""
    from steptwo.referrals.intake import awaiting_triage_count

    return awaiting_triage_count(user)


def _open_task_count(user):
    """The user's open tasks, for the header."""
    from steptwo.tasks.models import Task

    return Task.objects.for_user(user).open().filter(owner=user).count()
