import pytest

from steptwo.treatment.tests.helpers import session, start_treatment


@pytest.fixture
def in_treatment(referral, pwp):
    return start_treatment(referral, pwp)


@pytest.fixture
def attended(in_treatment, pwp):
    """An attended treatment session of the PWP, yesterday."""
    return session(in_treatment, pwp)


@pytest.fixture
def trainee_session(in_treatment, trainee):
    return session(in_treatment, trainee)
