import pytest

from steptwo.measures import adsm

pytestmark = pytest.mark.django_db


def test_recording_a_problem_descriptor_changes_the_adsm_offered(pwp_client, referral):
    response = pwp_client.post(f"/referrals/{referral.pk}/problem-descriptor/", {"descriptor": "ICD-10|F40.1"})

    assert response.status_code == 302
    _instrument, mapping = adsm.adsm_for_referral(referral)
    assert mapping.code == "F40.1"
    assert "F40.1 Social phobias" in pwp_client.get(f"/patients/{referral.patient_id}/").content.decode()


def test_problem_descriptor_is_required(pwp_client, referral):
    content = pwp_client.post(f"/referrals/{referral.pk}/problem-descriptor/", {"descriptor": ""}).content.decode()

    assert "Select the primary problem descriptor" in content


@pytest.mark.parametrize(
    "code_system,code,expected",
    [
        ("ICD-10", "F42.1", "F42"),
        ("ICD-10", "F40.0", "F40.0"),
        ("ICD-10", "F41.9", None),
        ("SNOMED CT", "83482000", "83482000"),
    ],
)
def test_mapping_matches_exact_code_or_nearest_parent(code_system, code, expected):
    row = adsm.mapping_for(code_system, code)

    assert (row.code if row else None) == expected


def test_choices_are_the_mappings_in_force_today(pwp_client, referral):
    import datetime

    from steptwo.measures.models import AdsmMapping

    AdsmMapping.objects.create(
        code_system="ICD-10", code="F99.9", label="A code mapped from next year", instrument_id="",
        effective_from=datetime.date.today() + datetime.timedelta(days=365), source="test", verified=False,
    )  # fmt: skip

    content = pwp_client.get(f"/referrals/{referral.pk}/problem-descriptor/").content.decode()

    assert "F40.1 Social phobias" in content
    assert "F99.9" not in content
