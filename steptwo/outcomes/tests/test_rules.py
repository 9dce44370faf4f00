"""The open questions of the definition (domain reference §10 Q2, Q3, Q5) are settings with defaults."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from steptwo.outcomes import rules


def test_defaults_when_the_settings_are_absent(settings):
    for name in rules.CHOICES:
        if hasattr(settings, name):
            delattr(settings, name)
    assert rules.current() == rules.Rules("at_least", "either_measure", "finished_at_caseness")


def test_each_setting_is_read(settings):
    settings.OUTCOMES_RELIABLE_CHANGE_BOUNDARY = "more_than"
    settings.OUTCOMES_DETERIORATION_RULE = "not_mixed"
    settings.OUTCOMES_RELIABLE_RECOVERY_DENOMINATOR = "finished"
    assert rules.current().as_dict() == {
        "OUTCOMES_RELIABLE_CHANGE_BOUNDARY": "more_than",
        "OUTCOMES_DETERIORATION_RULE": "not_mixed",
        "OUTCOMES_RELIABLE_RECOVERY_DENOMINATOR": "finished",
    }


def test_an_unknown_value_is_refused_with_the_allowed_ones(settings):
    settings.OUTCOMES_RELIABLE_CHANGE_BOUNDARY = ">="
    with pytest.raises(ImproperlyConfigured, match="must be one of at_least, more_than; it is '>='"):
        rules.current()


@pytest.mark.parametrize(
    ("boundary", "change", "reliable"),
    [("at_least", 6, True), ("at_least", 5, False), ("more_than", 6, False), ("more_than", 7, True)],
)
def test_reliable_change_boundary(boundary, change, reliable):
    assert rules.Rules(boundary, "either_measure", "finished").is_reliable(change, 6) is reliable
