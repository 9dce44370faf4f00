"""The referral state machine: every status change is a new row, and refused changes say why."""

import pytest

from steptwo.core.errors import NotAllowed
from steptwo.referrals import services
from steptwo.referrals.codes import ALLOWED_TRANSITIONS, ReferralStatus
from steptwo.referrals.models import ReferralStatusChange

pytestmark = pytest.mark.django_db

S = ReferralStatus


@pytest.mark.parametrize(
    "path",
    [
        [S.ASSESSED, S.IN_TREATMENT, S.DISCHARGED],
        [S.ASSESSED, S.STEPPED_UP, S.DISCHARGED],
        [S.ASSESSED, S.IN_TREATMENT, S.STEPPED_UP, S.DISCHARGED],
        [S.DISCHARGED],  # not assessed (end code 50)
        [S.ASSESSED, S.DISCHARGED],  # signposted, not suitable or declined
    ],
)
def test_pathways_a_referral_can_take_are_allowed_and_replay(pwp, referral, path):
    for status in path:
        services.change_status(by=pwp, referral=referral, to=status)

    replayed = services.replay(referral)
    assert [change.status for change, _allowed in replayed] == [S.WAITING, *path]
    assert all(allowed for _change, allowed in replayed)
    assert all(change.changed_by == pwp for change, _allowed in replayed)


def test_a_discharged_referral_cannot_move_and_the_reason_says_to_make_a_new_referral(pwp, referral):
    services.change_status(by=pwp, referral=referral, to=S.DISCHARGED)

    with pytest.raises(NotAllowed, match="has been discharged: make a new referral"):
        services.change_status(by=pwp, referral=referral, to=S.IN_TREATMENT)
    assert referral.status_changes.count() == 2


def test_a_refused_change_names_both_statuses_and_writes_nothing(pwp, referral):
    services.change_status(by=pwp, referral=referral, to=S.STEPPED_UP)

    with pytest.raises(NotAllowed, match="cannot go from ‘Stepped up to high intensity’ to ‘In step 2 treatment’"):
        services.change_status(by=pwp, referral=referral, to=S.IN_TREATMENT)
    referral.refresh_from_db()
    assert referral.status == S.STEPPED_UP


def test_replay_flags_a_history_the_state_machine_would_not_write(pwp, referral):
    # Rows are only ever written by change_status; this one is forged to show replay catches it.
    ReferralStatusChange.objects.create(referral=referral, status=S.DISCHARGED, changed_by=pwp)
    ReferralStatusChange.objects.create(referral=referral, status=S.IN_TREATMENT, changed_by=pwp)

    assert [allowed for _change, allowed in services.replay(referral)] == [True, True, False]


def test_every_status_is_reachable_and_only_discharged_is_final():
    reachable = {S.WAITING} | set().union(*ALLOWED_TRANSITIONS.values())
    assert reachable == set(S)
    assert [status for status, nexts in ALLOWED_TRANSITIONS.items() if not nexts] == [S.DISCHARGED]
