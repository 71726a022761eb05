"""Demo logins and invented clients for a local run. Safe to run again: it adds nothing twice.

Every name here is invented. The logins share one password, so the command refuses to
run with DEBUG off unless --allow-production says someone really wants that.
"""

import random
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from crisis_center import demo
from crisis_center.models import TrainingRecord, User
from crisis_center.records.services import record_save
from crisis_center.roles import Role, TrainingTopic, runs_staff_administration
from intake import services
from intake.choices import AgeRange, GenderIdentity, ReferralSource, SafeToContact
from intake.models import Classification, Client, CrisisContact, SafetyPlan, Screening

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 (documented demo login, never in production)

# username: (first name, last name, role, crisis hours, counseling hours)
STAFF = {
    "advocate": ("Alex", "Rivera", Role.ADVOCATE, 40, 0),
    "advocate2": ("Sam", "Okafor", Role.ADVOCATE, 42, 20),
    "trainee": ("Jordan", "Lee", Role.ADVOCATE, 12, 0),
    "volunteer": ("Riley", "Brooks", Role.ADVOCATE, 40, 0),
    "supervisor": ("Morgan", "Patel", Role.SUPERVISOR, 40, 20),
    "coordinator": ("Casey", "Nguyen", Role.COORDINATOR, 0, 0),
    "admin": ("Robin", "Hart", Role.ADMINISTRATOR, 0, 0),
}

VOLUNTEERS = {"volunteer"}  # counted apart in the service-hours report

PSEUDONYMS = {
    "advocate": [
        "Rosa M.", "Jade", "Tamika", "Lina", "Marisol", "Kayla",
        "Nadia", "Bree", "Yesenia", "Imani", "Hope", "Dani",
    ],
    "advocate2": [
        "Sky", "Ana L.", "Mei", "Keisha", "Valeria", "Tess",
        "Amara", "Luz", "Noor", "Rae", "Carmen", "Juniper",
    ],
}  # fmt: skip

VICTIMIZATIONS = [
    "adult_sexual_assault",
    "trafficking_sex",
    "trafficking_labor",
    "domestic_family_violence",
    "stalking_harassment",
    "adults_abused_as_children",
]


class Command(BaseCommand):
    help = "Create the demo logins (password demo-pass-2026) and invented demo clients."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Create the demo logins even with DEBUG off (never on a real center's server).",
        )

    @transaction.atomic
    def handle(self, *args, allow_production: bool = False, **options) -> None:
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to create demo logins with DEBUG off. "
                "Pass --allow-production if this really is a throwaway server."
            )
        staff = {username: self._staff(username, *spec) for username, spec in STAFF.items()}
        created = 0
        rng = random.Random(2026)
        victimizations = {
            c.code: c
            for c in Classification.objects.filter(kind="victimization", code__in=VICTIMIZATIONS)
        }
        for username, names in PSEUDONYMS.items():
            advocate = staff[username]
            existing = set(
                Client.objects.filter(created_by=advocate, pseudonym__in=names).values_list(
                    "pseudonym", flat=True
                )
            )
            for name in names:
                if name in existing:
                    continue
                client = Client(
                    pseudonym=name,
                    age_range=rng.choice(AgeRange.values),
                    gender=rng.choice([GenderIdentity.WOMAN, GenderIdentity.TRANS_WOMAN,
                                       GenderIdentity.NONBINARY, GenderIdentity.NOT_ASKED]),
                    languages=rng.choice(["English", "Spanish, English", "English", "Vietnamese"]),
                    safe_to_call=rng.choice(SafeToContact.values),
                    safe_to_text=rng.choice(SafeToContact.values),
                    safe_to_voicemail=SafeToContact.NO,
                    safe_to_mail=rng.choice([SafeToContact.NO, SafeToContact.NOT_ASKED]),
                    safe_times=rng.choice(["", "Weekdays 9-11am", "After 8pm", "Tuesdays only"]),
                    code_word=rng.choice(["", "blue umbrella", "sunflower", "library book"]),
                    referral_source=rng.choice(ReferralSource.values),
                )  # fmt: skip
                client.interpreter_needed = client.languages == "Vietnamese"
                chosen = [victimizations[code] for code in rng.sample(VICTIMIZATIONS, 2)]
                services.client_create(client=client, classifications=chosen, by=advocate)
                self._records(client, advocate, rng)
                created += 1
            if created:
                # A few calls from people who did not give a name.
                for hours_ago in (2, 26, 50):
                    services.contact_save(
                        contact=CrisisContact(
                            started_at=timezone.now() - timedelta(hours=hours_ago),
                            duration_minutes=rng.choice([10, 15, 35]),
                            # The volunteer answers the night line; the advocate logs it.
                            given_by=staff["volunteer"] if hours_ago == 26 else None,
                            needs=["emotional", "information"],
                            services=["crisis_intervention"],
                            note="Caller did not give a name; given the hotline hours.",
                        ),
                        by=advocate,
                    )
        if created:
            for extend in demo.EXTENSIONS:  # apps that hang off intake add their demo records
                extend(staff, rng)
        self.stdout.write(
            f"Demo ready: {len(staff)} logins (password {DEMO_PASSWORD}), {created} new clients."
        )

    def _records(self, client: Client, advocate: User, rng: random.Random) -> None:
        """A first hotline contact, and for some clients screenings and a safety plan."""
        first = timezone.now() - timedelta(days=rng.randint(20, 200))
        services.contact_save(
            contact=CrisisContact(
                client=client,
                started_at=first,
                channel=rng.choice(["hotline_call", "text_chat", "walk_in", "hospital"]),
                duration_minutes=rng.choice([15, 20, 30, 45]),
                caller_relation="survivor",
                needs=rng.sample(["safety", "shelter", "medical", "emotional", "legal"], 2),
                services=["crisis_intervention", "information_referral"],
            ),
            by=advocate,
        )
        if rng.random() < 0.5:
            for weeks, answer in ((1, "declined"), (5, "no")):
                record_save(
                    record=Screening(
                        client=client,
                        screened_at=first + timedelta(weeks=weeks),
                        q1=answer,
                        q2=answer,
                        q3="yes" if answer == "no" else "not_asked",
                        indicators=["fear_depression"],
                    ),
                    by=advocate,
                )
            record_save(
                record=SafetyPlan(
                    client=client,
                    immediate_needs=["safety", "shelter"],
                    safe_places="A friend's apartment; the center during open hours",
                    safe_people="Sister (texts only)",
                    steps="Keep the phone charged; hotline number saved under a code name.",
                    plan_date=(first + timedelta(weeks=1)).date(),
                ),
                by=advocate,
            )

    def _staff(self, username, first, last, role, crisis_hours, counseling_hours) -> User:
        user, new = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "is_volunteer": username in VOLUNTEERS,
            },
        )
        if new:
            user.is_superuser = runs_staff_administration(role)
            user.set_password(DEMO_PASSWORD)
            user.save()
            finished = date.today() - timedelta(days=120)
            for topic, hours in (
                (TrainingTopic.CRISIS_INTERVENTION, crisis_hours),
                (TrainingTopic.COUNSELING, counseling_hours),
            ):
                if hours:
                    TrainingRecord.objects.create(
                        staff=user, topic=topic, hours=hours, completed_on=finished
                    )
        return user
