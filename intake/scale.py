"""Synthetic data at scale: three years of a busy center, loaded with multi-row INSERTs.

`manage.py seed_scale` and the benchmarks in bench/ fill databases through `fill()`.
Every name is invented: pseudonyms are a first name and an initial from the lists below.
Other apps add their records through crisis_center.scale's EXTENSIONS, filled in their
AppConfig.ready() as for seed_demo, so intake imports none of them; the run in progress
(Scale), its files and the multi-row INSERTs live there too.

What one run adds for N clients and M contacts:

- staff: advocates holding caseloads of 50 to 150 open files (scale-advocate-1 holds
  100), one supervisor per dozen advocates (scale-supervisor, scale-supervisor-2, ...)
  and scale-coordinator, with their training on record;
- N clients opened over the last three years: files opened in the last six months are
  mostly active, older ones mostly closed with their care-team assignment ended; races,
  victimization types and special classifications; screenings and safety plans; one
  long-term client in a thousand, with 200 contacts (the first of them on
  scale-advocate-1's caseload);
- M crisis contacts, one in ten anonymous, and the service-ledger rows they write;
- three access-log rows per client;
- what the extensions add: advocacy records, the referral directory, referrals.

A second run appends: new staff continue the numbering, and earlier files, caseloads and
long-term clients stay as they were.
"""

import random
from collections import Counter
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from crisis_center.models import AccessLog, TrainingRecord, User
from crisis_center.roles import Role, TrainingTopic
from crisis_center.scale import EXTENSIONS, File, Scale
from intake import counts, service_ledger
from intake.choices import (
    AgeRange,
    Answer,
    ClientStatus,
    GenderIdentity,
    Indicator,
    Need,
    ReferralSource,
    ScreeningSetting,
    SleepingPlace,
)
from intake.models import (
    CareTeamMember,
    Classification,
    Client,
    ClientClassification,
    CrisisContact,
    SafetyPlan,
    Screening,
    StoredReport,
)

PREFIX = "scale-"
SPAN = timedelta(days=3 * 365)
RECENT = timedelta(days=182)  # files opened since then are mostly still open
CASELOAD = (50, 150)
FIRST_CASELOAD = 100  # scale-advocate-1's, the same at every size
ADVOCATES_PER_SUPERVISOR = 12
LONG_TERM_EVERY = 1000
LONG_TERM_CONTACTS = 200
ANONYMOUS = 0.1
ACCESS_LOG_PER_CLIENT = 3

NAMES = [
    "Maya", "Rosa", "Jade", "Tamika", "Lina", "Marisol", "Kayla", "Nadia", "Bree", "Imani",
    "Hope", "Dani", "Sky", "Mei", "Keisha", "Valeria", "Tess", "Amara", "Luz", "Noor",
    "Rae", "Carmen", "Juniper", "Ana", "Yesenia", "Priya", "Fatima", "Grace", "Leah", "Ivy",
    "Selena", "Zoe", "Aisha", "Beatriz", "Clara", "Dina", "Elena", "Farah", "Gia", "Hana",
    "Iris", "Jolie", "Kira", "Lucia", "Mira", "Nia", "Olive", "Paz", "Quinn", "Rin",
    "Sol", "Talia", "Uma", "Vera", "Wren", "Ximena", "Yara", "Zara", "Alex", "Robin",
    "Jordan", "Casey", "Morgan", "Riley", "Sam", "Taylor", "Jamie", "Avery", "Cameron", "Drew",
]  # fmt: skip
SURNAMES = ["Rivera", "Okafor", "Lee", "Patel", "Nguyen", "Hart", "Kowalski", "Mendes", "Ito",
            "Haddad", "Brennan", "Osei", "Novak", "Castillo", "Fischer", "Dubois"]  # fmt: skip
LANGUAGES = ["English"] * 7 + ["Spanish", "English, Spanish", "Vietnamese", "Arabic", "Polish"]
NOTES = [
    "",
    "",
    "Caller talked through options; safety plan reviewed.",
    "Follow-up call as agreed; no new concerns.",
    "Asked about shelter and the medical exam.",
    "Emotional support; will call back tomorrow.",
]


def fill(clients: int, contacts: int, *, password: str | None = None, seed: int = 8) -> Counter:
    """Add `clients` clients and `contacts` crisis contacts, with everything around them.

    Call inside a transaction; run analyze() after it. Returns the rows added per table.
    """
    scale = Scale(
        random.Random(f"{seed}-{Client.objects.count()}"), timezone.now(), service_ledger.rows_for
    )
    files = _plan_files(scale, clients)
    _staff(scale, files, password)
    _clients(scale, files)
    _contacts(scale, contacts)
    _screenings_and_plans(scale)
    _access_log(scale)
    for extension in EXTENSIONS:
        extension(scale)
    # Bulk inserts send no signals: stored report counts would not know of them.
    StoredReport.objects.update(current=False)
    if connection.vendor == "postgresql":
        # Explicit ids leave the sequences behind; the next ordinary insert needs them.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(scale._next_id)):
                cursor.execute(sql)
    # The inserts passed by the signals that keep the running counts: count afresh.
    counts.rebuild()
    return scale.counts


def analyze() -> None:
    """Planner statistics after a load (and on PostgreSQL the visibility map that
    index-only scans need), as a live database has them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # Copy the load out of the write-ahead log and empty it, as the checkpoints
            # of a live database keep it short.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _plan_files(scale: Scale, n: int) -> list[File]:
    """When each new file was opened and whether it is still open (staff come later)."""
    rng, now = scale.rng, scale.now
    files = []
    for i in range(n):
        long_term = i % LONG_TERM_EVERY == 0
        if long_term:  # opened one to three years ago, still active
            opened = now - timedelta(days=rng.uniform(400, 1000))
            is_open = True
        else:
            opened = now - SPAN * rng.random()
            recent = now - opened < RECENT
            is_open = rng.random() < (0.95 if recent else 0.12)
        files.append(File(0, opened, 0, is_open, long_term))
    return files


def _staff(scale: Scale, files: list[File], password: str | None) -> None:
    """Advocates for the new open files (caseloads of 50-150), supervisors, a coordinator."""
    rng = scale.rng
    existing = {
        u.username: u
        for u in User.objects.filter(username__startswith=PREFIX).with_training_hours()
    }
    opened = [f for f in files if f.is_open]
    rng.shuffle(opened)
    opened.sort(key=lambda f: not f.long_term)  # a long-term file first: scale-advocate-1's
    caseloads: list[list[File]] = []
    while opened:
        size = FIRST_CASELOAD if not existing and not caseloads else rng.randint(*CASELOAD)
        caseloads.append(opened[:size])
        opened = opened[size:]
    if len(caseloads) > 1 and len(caseloads[-1]) < CASELOAD[0]:
        last = caseloads.pop()
        caseloads[-1] += last
    old_advocates = sum(1 for u in existing.values() if u.role == Role.ADVOCATE)
    if not old_advocates and not caseloads:
        caseloads.append([])  # at least one advocate to log contacts
    hashed = make_password(password)  # once: hashing is slow on purpose
    new = [
        _user(f"{PREFIX}advocate-{old_advocates + k + 1}", Role.ADVOCATE, rng, hashed)
        for k in range(len(caseloads))
    ]
    supervisors = -(-(old_advocates + len(new)) // ADVOCATES_PER_SUPERVISOR)
    names = [f"{PREFIX}supervisor"] + [f"{PREFIX}supervisor-{k}" for k in range(2, supervisors + 1)]
    new += [_user(name, Role.SUPERVISOR, rng, hashed) for name in names if name not in existing]
    if f"{PREFIX}coordinator" not in existing:
        new.append(_user(f"{PREFIX}coordinator", Role.COORDINATOR, rng, hashed))
    User.objects.bulk_create(new)
    users = list(User.objects.filter(username__startswith=PREFIX).with_training_hours())
    _training(scale, [u for u in users if u.username not in existing])
    users = User.objects.filter(username__startswith=PREFIX).with_training_hours()
    number = {u.pk: int(u.username.rsplit("-", 1)[1]) for u in users if u.role == Role.ADVOCATE}
    scale.advocates = sorted(number, key=number.get)
    scale.counselors = [u.pk for u in users if u.counseling_hours and u.role == Role.ADVOCATE]
    scale.supervisors = sorted(u.pk for u in users if u.role == Role.SUPERVISOR)
    first_new = len(scale.advocates) - len(caseloads)
    for advocate, caseload in zip(scale.advocates[first_new:], caseloads, strict=True):
        for file in caseload:
            file.staff_id = advocate
    for file in files:
        if not file.is_open:
            file.staff_id = rng.choice(scale.advocates)


def _user(username: str, role: str, rng: random.Random, hashed: str) -> User:
    return User(
        username=username,
        first_name=rng.choice(NAMES),
        last_name=rng.choice(SURNAMES),
        role=role,
        password=hashed,  # without --password unusable: force_login only
        is_staff=False,
    )


def _training(scale: Scale, users: list[User]) -> None:
    done = timezone.localdate() - timedelta(days=300)
    records = []
    for user in users:
        if user.role == Role.COORDINATOR:
            continue
        topics = [(TrainingTopic.CRISIS_INTERVENTION, 40)]
        if user.role == Role.SUPERVISOR or scale.rng.random() < 0.5:
            topics.append((TrainingTopic.COUNSELING, 20))
        records += [
            TrainingRecord(staff=user, topic=topic, hours=hours, completed_on=done)
            for topic, hours in topics
        ]
    scale.insert(records)


def _clients(scale: Scale, files: list[File]) -> None:
    rng, now = scale.rng, scale.now
    genders = list(GenderIdentity.values)
    ages = list(AgeRange.values)
    sources = list(ReferralSource.values)
    supervisors = scale.supervisors
    for file, pk in zip(files, scale.ids(Client, len(files)), strict=True):
        file.id = pk
    scale.files = files

    def client(file: File) -> Client:
        recent = now - file.opened < RECENT
        if file.is_open:
            status = ClientStatus.ACTIVE if recent or rng.random() < 0.5 else ClientStatus.INACTIVE
        else:
            status = ClientStatus.CLOSED
        return Client(
            pk=file.id,
            pseudonym=f"{rng.choice(NAMES)} {chr(65 + rng.randrange(26))}.",
            age_range=rng.choice(ages),
            date_of_birth=(file.opened - timedelta(days=rng.randint(14, 70) * 365)).date()
            if rng.random() < 0.3 else None,
            languages=rng.choice(LANGUAGES),
            gender=rng.choice(genders),
            referral_source=rng.choice(sources),
            status=status,
            created_by_id=file.staff_id,
            created_at=file.opened,
            updated_at=scale.moment(file.opened, 365),
        )  # fmt: skip

    scale.insert(client(f) for f in files)

    def team(file: File) -> Iterable[CareTeamMember]:
        ended = None if file.is_open else scale.moment(file.opened, 300)
        by = rng.choice(supervisors)
        yield CareTeamMember(client_id=file.id, staff_id=file.staff_id, created_by_id=by,
                             created_at=file.opened, updated_at=ended or file.opened,
                             ended_at=ended, ended_by_id=by if ended else None)  # fmt: skip
        if file.is_open and rng.random() < 0.1:  # a supervisor on the team too
            yield CareTeamMember(client_id=file.id, staff_id=by, created_by_id=by,
                                 created_at=file.opened, updated_at=file.opened)  # fmt: skip

    scale.insert(member for f in files for member in team(f))
    classes = {
        kind: list(Classification.objects.filter(kind=kind).values_list("pk", flat=True))
        for kind in ("race", "victimization", "special")
    }
    scale.insert(
        ClientClassification(client_id=f.id, classification_id=choice, created_by_id=f.staff_id,
                             created_at=f.opened, updated_at=f.opened)
        for f in files
        for kind, most in (("race", 2), ("victimization", 3), ("special", 1))
        for choice in rng.sample(classes[kind], rng.randint(0, most))
    )  # fmt: skip


def _contacts(scale: Scale, n: int, batch: int = 20_000) -> None:
    """Contacts over each file's life (long-term files get LONG_TERM_CONTACTS), one in
    ten anonymous over the whole span, with the ledger rows each contact writes."""
    rng, now = scale.rng, scale.now
    long_term = [f for f in scale.files if f.long_term]
    heavy = min(len(long_term), n // 5 // LONG_TERM_CONTACTS)  # at most a fifth of them
    plan = [f for f in long_term[:heavy] for _ in range(LONG_TERM_CONTACTS)]
    channels = ["hotline_call"] * 6 + ["text_chat", "walk_in", "hospital", "outreach"]
    services = [["crisis_intervention"], ["crisis_intervention", "information_referral"],
                ["advocacy"], ["safety_planning"], []]  # fmt: skip
    needs = [[], [Need.SAFETY], [Need.EMOTIONAL], [Need.SHELTER, Need.SAFETY], [Need.MEDICAL]]
    advocates = scale.advocates

    def contact(pk: int, i: int) -> CrisisContact:
        file = plan[i] if i < len(plan) else None
        if file is None and scale.files and rng.random() >= ANONYMOUS:
            file = rng.choice(scale.files)
        if file is None:
            started, advocate = now - SPAN * rng.random(), rng.choice(advocates)
            if rng.random() < 0.05:
                scale.anonymous.append((pk, advocate, started))
        else:
            days = (now - file.opened).days if file.long_term else 365 * rng.random() ** 2
            started, advocate = scale.moment(file.opened, days), scale.staff_for(file)
        channel = rng.choice(channels)
        return CrisisContact(
            pk=pk, channel=channel, started_at=started, advocate_id=advocate,
            duration_minutes=rng.randint(5, 90), caller_relation="survivor",
            client_id=file.id if file else None, language="",
            interpreter_used=rng.random() < 0.05, needs=rng.choice(needs),
            services=rng.choice(services), service_codes=[], note=rng.choice(NOTES),
            created_at=started, updated_at=started,
        )  # fmt: skip

    ids = scale.ids(CrisisContact, n)
    for start in range(0, n, batch):
        scale.insert_with_ledger([contact(ids[i], i) for i in range(start, min(n, start + batch))])


def _screenings_and_plans(scale: Scale) -> None:
    rng = scale.rng
    answers = [Answer.NO] * 6 + [Answer.YES, Answer.NOT_ASKED, Answer.DECLINED]
    indicators = list(Indicator.values)

    def screening(file: File) -> Screening:
        return Screening(
            client_id=file.id, created_by_id=scale.staff_for(file),
            screened_at=scale.moment(file.opened, 120),
            setting=rng.choice(list(ScreeningSetting.values)),
            **{f"q{q}": rng.choice(answers) for q in (1, 2, 3, 4, 8, 9, 10, 11, 12, 13)},
            q7=rng.choice([SleepingPlace.BED] * 5 + [SleepingPlace.FLOOR]),
            indicators=rng.sample(indicators, rng.choice([0, 0, 0, 1, 2])),
            control_techniques=[],
        )  # fmt: skip

    def screenings(file: File) -> int:
        if file.long_term:
            return 6
        return rng.choice([0, 0, 0, 1, 1, 1, 2]) if rng.random() < 0.8 else 3

    objs = [screening(f) for f in scale.files for _ in range(screenings(f))]
    for obj in objs:
        obj.created_at = obj.updated_at = obj.screened_at
    scale.insert(objs)
    scale.insert(
        SafetyPlan(client_id=f.id, created_by_id=scale.staff_for(f), created_at=f.opened,
                   updated_at=f.opened, immediate_needs=[Need.SAFETY],
                   steps="Keep the phone charged; code word with a friend.",
                   plan_date=timezone.localdate(f.opened))
        for f in scale.pick(0.2)
    )  # fmt: skip


def _access_log(scale: Scale) -> None:
    """The views of each file a live system would have logged (rule 4)."""
    scale.insert(
        AccessLog(at=scale.moment(f.opened, 90), user_id=f.staff_id, client_id=f.id,
                  view_name="client_detail", path=f"/clients/{f.id}/")
        for f in scale.files
        for _ in range(ACCESS_LOG_PER_CLIENT)
    )  # fmt: skip
