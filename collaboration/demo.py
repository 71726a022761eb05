"""Demo feedback and a case conference for `manage.py seed_demo` (registered in apps.py)."""

import random
from datetime import timedelta

from django.utils import timezone

from collaboration import services
from collaboration.choices import Rating
from collaboration.models import (
    STATEMENTS,
    CaseConference,
    ConferenceAction,
    FeedbackLink,
    FeedbackResponse,
    first_of_month,
)
from intake.models import Client
from referrals.models import ReleaseOfInformation

HELPED = [
    "The advocate stayed with me at the hospital the whole night.",
    "Nobody asked me for ID.",
    "The group on Tuesdays. I am not alone.",
    "Someone spoke Spanish with me.",
]
BETTER = [
    "Evening hours for the group.",
    "The waiting room is cold.",
    "More help with housing.",
]


def seed(staff: dict, rng: random.Random) -> None:
    FeedbackLink.issue(kiosk=True, label="Waiting room tablet")
    FeedbackLink.issue()
    today = timezone.localdate()
    ratings = (
        [Rating.STRONGLY_AGREE] * 5
        + [Rating.AGREE] * 3
        + [
            Rating.DISAGREE,
            Rating.PREFER_NOT,
            Rating.NOT_ANSWERED,
        ]
    )
    for months_ago in range(6):
        month = first_of_month(today - timedelta(days=30 * months_ago))
        for _ in range(rng.randint(3, 9)):
            FeedbackResponse.objects.create(
                month=month,
                used_hotline=rng.random() < 0.6,
                used_medical_advocacy=rng.random() < 0.3,
                used_legal_advocacy=rng.random() < 0.3,
                used_counseling=rng.random() < 0.5,
                used_support_group=rng.random() < 0.3,
                used_referrals=rng.random() < 0.4,
                **{column: rng.choice(ratings) for column, _ in STATEMENTS},
                what_helped=rng.choice(HELPED) if rng.random() < 0.4 else "",
                could_be_better=rng.choice(BETTER) if rng.random() < 0.3 else "",
            )
    advocate = staff["advocate"]
    release = ReleaseOfInformation.objects.filter(client__created_by=advocate).first()
    if release is None:
        return
    client = Client.objects.get(pk=release.client_id)
    conference = CaseConference(
        client=client,
        held_at=timezone.now() - timedelta(days=2),
        format="video",
        place="Monthly trafficking response table",
        other_attendees="Housing case manager, public health nurse",
        presented_summary="Adult survivor, safe to contact by text only. Needs housing "
        "before winter and help with a pending T visa application.",
        needs_discussed="Housing, immigration relief, a counselor who speaks Spanish.",
        decisions="Legal aid takes the T visa application; we look for transitional housing.",
    )
    services.conference_save(conference=conference, agencies=[release.agency], by=advocate)
    for description, agency, due in (
        ("File the T visa application", release.agency, 14),
        ("Ask Safe Harbor about a transitional apartment", None, 7),
    ):
        services.conference_action_add(
            item=ConferenceAction(
                conference=conference,
                description=description,
                owner_agency=agency,
                due_on=today + timedelta(days=due),
            ),
            by=advocate,
        )
