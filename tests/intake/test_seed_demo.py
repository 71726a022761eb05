"""The demo data of `make run`."""

from django.core.management import call_command

from crisis_center.models import User
from intake.models import CareTeamMember, Client


def test_seed_demo_creates_the_documented_logins_and_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")

    users = {u.username: u for u in User.objects.all()}
    assert set(users) == {
        "advocate", "advocate2", "trainee", "volunteer", "supervisor", "coordinator", "admin"
    }  # fmt: skip
    assert [u.username for u in users.values() if u.is_volunteer] == ["volunteer"]
    assert all(u.check_password("demo-pass-2026") for u in users.values())
    assert users["advocate"].is_certified and users["advocate2"].is_certified
    assert not users["trainee"].is_certified
    assert users["admin"].is_superuser and users["admin"].role == "administrator"

    assert Client.objects.count() >= 20
    for name in ("advocate", "advocate2"):
        caseload = Client.objects.visible_to(users[name]).count()
        assert caseload >= 10
    assert Client.objects.visible_to(users["coordinator"]).count() == 0
    assert CareTeamMember.objects.filter(staff=users["trainee"]).count() == 0

    # The roster for the coming weeks, with a hotline shift left uncovered on purpose and
    # a volunteer's swap waiting (crisis_center/roster_demo.py).
    from crisis_center import roster
    from crisis_center.models import Shift, SwapRequest

    kinds = roster.around_the_clock()
    gaps = roster.gaps_ahead(kinds)
    assert Shift.objects.filter(staff=users["volunteer"]).exists()
    assert [len(gaps[kind.pk]) for kind in kinds] == [0, 1]  # call-out, hotline
    assert SwapRequest.objects.pending().get().requested_by == users["volunteer"]
    assert not Shift.objects.filter(staff=users["trainee"]).exists()
