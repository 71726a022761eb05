"""Demo collaboration, feedback and case conferences for `manage.py seed_demo`."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from collaboration import services
from collaboration.assessment import QUESTIONS
from collaboration.choices import Rating
from collaboration.models import (
    STATEMENTS,
    ActionItem,
    AgendaItem,
    CaseConference,
    Charter,
    ConferenceAction,
    CrossTraining,
    FeedbackLink,
    FeedbackResponse,
    Meeting,
    Membership,
    OutreachLog,
    PolicyChange,
    PreventionGroup,
    PreventionSession,
    SelfAssessment,
    StrategicPlanItem,
    first_of_month,
)
from crisis_center.records.services import save_as
from intake.models import Client
from referrals.models import Agency, ReleaseOfInformation

ANSWERS = [
    "Partly: women from the street outreach know the hotline card, club workers rarely do.",
    "Yes, about thirty women; two told us they felt judged at intake, which we changed.",
    "A no-decline policy since last spring; the mission names commercial sexual exploitation.",
    "Six hours in the 40-hour training, and the quarterly cross-training with partners.",
    "Monthly collaboration meetings; weekly calls with the shelter and the legal clinic.",
    "One part-time outreach advocate; the county offers detox beds and legal aid.",
    "Vice unit still arrests; the state's attorney now refers women to us after arrest.",
]


def seed(staff: dict, rng: random.Random) -> None:
    seed_collaboration(staff, rng)
    seed_feedback_and_conferences(staff, rng)


def seed_collaboration(staff: dict, rng: random.Random) -> None:
    today = timezone.localdate()
    by = staff["coordinator"]
    agencies = list(Agency.objects.order_by("name"))
    for n, agency in enumerate(agencies[:4]):
        save_as(
            Membership(
                agency=agency,
                member_since=today - timedelta(days=400 - 60 * n),
                contact_person=rng.choice(["Dana Brooks", "Luis Ortega", "Priya Shah", "Kim Tran"]),
                contact_details=f"555-01{n}9",
            ),
            by,
        )
    save_as(
        Charter(
            vision="Every woman exploited in the sex trade finds a door that opens.",
            mission="Member agencies coordinate a trauma-informed, harm-reduction response.",
            guiding_values="Survivors first; no wrong door; respect for each partner's mission.",
            partner_strengths="Legal aid: vacatur, T visas. Hospital: SANE nurses. Shelter: beds.",
            leader="Rotating chair, one year each",
            meeting_place_and_time="Second Tuesday, 10:00, rotating among members",
            record_keeper="The crisis center's coordinator",
            decision_process="consensus",
        ),
        by,
    )
    for months_ago in (3, 2, 1):
        meeting = save_as(
            Meeting(
                date=today - timedelta(days=30 * months_ago),
                place=rng.choice(agencies).name if agencies else "Crisis center",
                attendees="Dana Brooks (legal aid), Luis Ortega (shelter), our coordinator",
                minutes="Reviewed referrals between members; shared the new hotline cards.",
                decisions="Hold a joint cross-training on harm reduction next quarter.",
            ),
            by,
        )
        meeting.attending_agencies.set(agencies[:3])
        for topic in ("coordination", "cross_training"):
            save_as(AgendaItem(meeting=meeting, topic=topic), by)
        save_as(
            ActionItem(
                meeting=meeting,
                description="Send the draft networking agreement to members",
                owner="Casey Nguyen",
                due_on=meeting.date + timedelta(days=45),
            ),
            by,
        )
    for change, status in (
        ("ER staff call the hotline for every woman who discloses exploitation", "in_progress"),
        ("Shelter drops its sobriety requirement for first-night beds", "planned"),
    ):
        save_as(
            StrategicPlanItem(
                change_needed=change,
                agency=agencies[1] if len(agencies) > 1 else None,
                due_by=today + timedelta(days=120),
                status=status,
            ),
            by,
        )
    if agencies:
        save_as(
            PolicyChange(
                changed_on=today - timedelta(days=50),
                agency=agencies[0],
                description="No longer asks for photo ID before a first appointment.",
            ),
            by,
        )
    for days_ago, topic, hours in ((70, "harm_reduction", 3), (20, "trafficking_law", 2)):
        training = CrossTraining(
            topic=topic,
            date=today - timedelta(days=days_ago),
            hours=Decimal(hours),
            presenter=agencies[0] if agencies else None,
            outside_attendees=rng.randint(8, 20),
        )
        services.cross_training_save(
            training=training, attended=[staff["advocate"], staff["supervisor"]], by=by
        )
        training.attending_agencies.set(agencies[:3])
    for days_ago in range(5, 90, 9):
        save_as(
            OutreachLog(
                date=today - timedelta(days=days_ago),
                location_type=rng.choice(
                    ["street", "club_bar", "food_program", "homeless_shelter"]
                ),
                location_note=rng.choice(["North Ave corridor", "Riverside soup kitchen", ""]),
                people_reached=rng.randint(3, 25),
                hotline_cards=rng.randint(5, 40),
                hygiene_kits=rng.randint(0, 15),
                snacks=rng.randint(0, 30),
                condoms=rng.randint(0, 50),
                created_by=staff["advocate"],
            ),
            staff["advocate"],
        )
    for year in (today.year - 1, today.year):
        answers = {name: rng.choice(ANSWERS) for name, *_ in QUESTIONS}
        save_as(SelfAssessment(year=year, **answers), by)
    group = save_as(
        PreventionGroup(
            name="Girls' circle",
            topics=["myths", "recruitment", "resources"],
            venue="Lincoln Middle School",
            partner_agency=agencies[-1] if agencies else None,
            curriculum="Six weekly sessions, 90 minutes each.",
        ),
        by,
    )
    for week in range(4):
        save_as(
            PreventionSession(
                group=group,
                date=today - timedelta(days=7 * (week + 1)),
                participants=rng.randint(8, 14),
            ),
            by,
        )


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


def seed_feedback_and_conferences(staff: dict, rng: random.Random) -> None:
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
