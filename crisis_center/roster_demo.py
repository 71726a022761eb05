"""Demo roster for `manage.py seed_demo`: four weeks back and three ahead of hotline and
call-out shifts among the certified demo staff, one hotline shift left uncovered on
purpose (the supervisor's home page shows it), and a volunteer's swap waiting."""

import random
from datetime import time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from crisis_center import roster
from crisis_center.models import Shift, ShiftKind, User

ON_CALL = ["advocate", "advocate2", "volunteer", "supervisor"]
# Local hours (start, length) of each kind's shifts in a day.
HOURS = {
    "Hotline": [(time(6), 8), (time(14), 8), (time(22), 8)],
    "Hospital and police call-out": [(time(8), 12), (time(20), 12)],
}
WEEKS_BACK, WEEKS_AHEAD = 4, 3
GAP_DAY, GAP_AT = 3, time(14)  # the hotline's afternoon shift three days on: nobody


def seed_roster(staff: dict[str, User], rng: random.Random) -> None:
    if Shift.objects.exists():
        return
    kinds = {k.name: k for k in ShiftKind.objects.filter(name__in=HOURS)}
    today = timezone.localdate()
    wanted = []
    for n in range(-7 * WEEKS_BACK, 7 * WEEKS_AHEAD):
        day = today + timedelta(days=n)
        for name, hours in HOURS.items():
            for at, length in hours:
                if name == "Hotline" and n == GAP_DAY and at == GAP_AT:
                    continue
                # Ends on the wall clock, so that shifts touch on the nights the
                # clocks change too.
                days, hour = divmod(at.hour + length, 24)
                ends = roster.local(day + timedelta(days=days), time(hour))
                wanted.append((roster.local(day, at), ends, kinds[name]))
    free_from = dict.fromkeys(ON_CALL, roster.local(today - timedelta(days=365)))
    turn = 0
    for starts, ends, kind in sorted(wanted, key=lambda w: w[0]):
        for i in range(len(ON_CALL)):
            username = ON_CALL[(turn + i) % len(ON_CALL)]
            if free_from[username] <= starts:
                shift = Shift(kind=kind, staff=staff[username], starts_at=starts, ends_at=ends)
                roster.shift_save(shift=shift, by=staff["supervisor"])
                free_from[username] = ends
                turn += 1
                break
    upcoming = Shift.objects.filter(
        staff=staff["volunteer"], starts_at__gt=timezone.now()
    ).select_related("kind")
    for shift in upcoming[:10]:
        try:
            roster.swap_ask(shift=shift, by=staff["volunteer"], to=staff["advocate2"])
        except ValidationError:
            continue  # advocate2 is on call then: the next one
        break
