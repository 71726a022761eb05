"""Writes that touch the client record: each in one transaction, validated first.

simple-history takes the acting user from the request (HistoryRequestMiddleware);
services set `_history_user` too, so commands and tests record the right person.
"""

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from crisis_center import center
from crisis_center.models import User
from crisis_center.policy import holds_caseload
from crisis_center.records.services import record_save, save_as
from intake.choices import ClassificationKind
from intake.models import (
    CareTeamMember,
    Classification,
    Client,
    ClientClassification,
    ContactLinkChange,
    CrisisContact,
    EmergencyAccess,
    EmergencyLookup,
    Incident,
    IncidentOffender,
    IncidentType,
    ServiceDelivery,
)


@transaction.atomic
def client_create(*, client: Client, classifications: Iterable[Classification], by: User) -> Client:
    """Open a client file. An advocate who opens it joins its care team, or could not see it."""
    client.created_by = by
    save_as(client, by)
    classifications_set(client=client, wanted=classifications, by=by)
    if holds_caseload(by):
        care_team_add(client=client, staff=by, by=by)
    return client


@transaction.atomic
def client_update(*, client: Client, classifications: Iterable[Classification], by: User) -> Client:
    save_as(client, by)
    classifications_set(client=client, wanted=classifications, by=by)
    return client


def classifications_set(*, client: Client, wanted: Iterable[Classification], by: User) -> None:
    """Make the client's classifications exactly `wanted`, one history row per change."""
    current = {
        cc.classification_id: cc for cc in ClientClassification.objects.filter(client=client)
    }
    _links_set(
        current,
        {c.pk for c in wanted},
        lambda pk: ClientClassification(client=client, classification_id=pk, created_by=by),
        by,
    )


def classifications_add(*, client: Client, added: Iterable[Classification], by: User) -> None:
    """Give the client these classifications too (an incident's victimization types);
    the ones they have stay. An answer replaces a "Declined" or "Not asked" of its list,
    which the client form refuses beside an answer."""
    added = list(added)
    if not added:
        return
    current = {
        cc.classification_id: cc
        for cc in ClientClassification.objects.filter(client=client).select_related(
            "classification"
        )
    }
    kinds = {c.kind for c in added}
    kept = {
        pk
        for pk, cc in current.items()
        if not (cc.classification.is_non_answer and cc.classification.kind in kinds)
    }
    _links_set(
        current,
        kept | {c.pk for c in added},
        lambda pk: ClientClassification(client=client, classification_id=pk, created_by=by),
        by,
    )


def _links_set(
    current: dict[int, models.Model],
    wanted: set[int],
    make: Callable[[int], models.Model],
    by: User,
) -> None:
    """Make a record's rows of the funder's lists (`current`, by classification id) those
    of `wanted`, one row and one history row at a time: ManyToManyField.set() would
    bulk-insert past the history."""
    for classification_id, row in current.items():
        if classification_id not in wanted:
            row._history_user = by
            row.delete()
    for classification_id in wanted - current.keys():
        row = make(classification_id)
        row._history_user = by
        row.save()


@transaction.atomic
def incident_save(
    *,
    incident: Incident,
    offenders: Iterable[IncidentOffender],
    removed: Iterable[IncidentOffender],
    types: Iterable[Classification],
    by: User,
) -> Incident:
    """Save an incident with its offenders and victimization types, all or nothing.

    `offenders` are the new and changed offender rows, `removed` those taken off. The
    client's types follow from their incidents: the incident's types the client does
    not have yet are added to theirs, so the funder report counts them. Taking a type
    off an incident leaves it on the client (who may have it from elsewhere).
    """
    new = incident._state.adding
    record_save(record=incident, by=by)
    for offender in removed:
        offender._history_user = by
        offender.delete()
    for offender in offenders:
        offender.incident = incident
        save_as(offender, by)
    types = list(types)
    current = (
        {}
        if new
        else {t.classification_id: t for t in IncidentType.objects.filter(incident=incident)}
    )
    _links_set(
        current,
        {c.pk for c in types},
        lambda pk: IncidentType(incident=incident, classification_id=pk),
        by,
    )
    classifications_add(client=incident.client, added=types, by=by)
    return incident


def care_team_add(*, client: Client, staff: User, by: User) -> CareTeamMember:
    """Put staff on the client's care team; ValidationError says why if they may not be.
    (care_team_join is the transaction: no savepoint of its own here.)"""
    return care_team_join(member=CareTeamMember(client=client, staff=staff), by=by)


@transaction.atomic
def care_team_join(*, member: CareTeamMember, by: User) -> CareTeamMember:
    """Save a new assignment (a form's instance); ValidationError says why if refused."""
    member.created_by = by
    return save_as(member, by)


@transaction.atomic
def care_team_end(*, member: CareTeamMember, by: User) -> None:
    """Take a staff member off a care team; the assignment row stays, closed."""
    member.ended_at = timezone.now()
    member.ended_by = by
    member._history_user = by
    member.save(update_fields=["ended_at", "ended_by", "updated_at"])


REASSIGNED = "reassigned"  # the history rows' change reason


@transaction.atomic
def care_team_reassign(*, member: CareTeamMember, new: CareTeamMember, by: User) -> CareTeamMember:
    """Give `member`'s place on the care team to `new` (unsaved, same client), in one
    transaction: if the newcomer may not join (ValidationError), nobody leaves. Both
    rows keep who did it and when, and their history rows say it was a reassignment
    (casepro's reassign: one action, not an add and a remove that could be half done)."""
    if member.ended_at is not None or member.client_id != new.client_id:
        raise ValidationError(
            gettext("%(staff)s is no longer on this care team: nothing was changed.")
            % {"staff": member.staff}
        )
    member._change_reason = new._change_reason = REASSIGNED
    care_team_join(member=new, by=by)
    care_team_end(member=member, by=by)
    return new


@transaction.atomic
def contact_save(*, contact: CrisisContact, by: User) -> CrisisContact:
    """Log or correct a crisis contact. Whoever logs it is its advocate."""
    if contact._state.adding:
        contact.advocate = by
    return save_as(contact, by)


class LinkChangedMeanwhile(ValidationError):
    """The contact's client is no longer the one the caller saw; nothing was changed."""


@transaction.atomic
def contact_link(*, contact: CrisisContact, client: Client | None, by: User) -> CrisisContact:
    """Name the client a contact was with (the caller chose to say who they are), move it
    to another client when it was linked to the wrong one, or, with client None, make it
    anonymous again.

    Callers pass a client from Client.objects.visible_to(by) and decide who may move a
    linked contact; this is the write, not the check. `contact.client_id` is the link
    the caller saw: if another writer changed it since, LinkChangedMeanwhile and nothing
    is written. Everything the contact counted follows it in the same transaction: its
    service-ledger rows and those of referrals given on it, the running counts and the
    stored reports (through the save's signals); the contact's history row and a
    ContactLinkChange say who did it.
    """
    was = contact.client_id
    now = (
        CrisisContact.objects.select_for_update()
        .filter(pk=contact.pk)
        .values_list("client_id", flat=True)
    )
    if list(now) != [was]:
        raise LinkChangedMeanwhile(
            "Someone else changed this contact's client meanwhile. Nothing was changed: "
            "look at it again."
        )
    change = ContactLinkChange(contact=contact, from_client_id=was, to_client=client, by=by)
    if change.from_client_id == change.to_client_id:
        return contact
    contact.client = client
    contact._history_user = by
    contact._change_reason = change.reason
    contact.save(update_fields=["client", "updated_at"])
    # Services given on the contact while the caller was anonymous (referrals too).
    ServiceDelivery.objects.filter(contact=contact).update(client=client)
    change.save()
    return contact


def contact_unlink(*, contact: CrisisContact, by: User) -> CrisisContact:
    """Make a contact linked to the wrong client anonymous again (see contact_link)."""
    return contact_link(contact=contact, client=None, by=by)


@transaction.atomic
def client_create_from_contact(*, contact: CrisisContact, pseudonym: str, by: User) -> Client:
    """Intake in one step: a client file from a caller, with the contact linked to it."""
    client = client_create(client=Client(pseudonym=pseudonym), classifications=[], by=by)
    contact_link(contact=contact, client=client, by=by)
    return client


class TooManyLookups(Exception):
    """The advocate reached EMERGENCY_LOOKUPS_PER_HOUR; nothing was looked up."""


@transaction.atomic
def emergency_access_request(
    *, user: User, pseudonym: str, code_word: str, client_number: int | None, reason: str
) -> Client | None:
    """Break the glass: find the client from what the caller can say, and grant access.

    The caller gives a pseudonym with either the code word or the client number; a
    number alone would let anyone walk the file numbers. Every lookup is counted, found
    or not, and a wrong one says nothing about which part was wrong.
    """
    since = timezone.now() - timedelta(hours=1)
    if EmergencyLookup.objects.filter(user=user, at__gte=since).count() >= (
        settings.EMERGENCY_LOOKUPS_PER_HOUR
    ):
        raise TooManyLookups
    match = Q(pseudonym__iexact=pseudonym.strip())
    if client_number:
        match &= Q(pk=client_number)
    else:
        match &= Q(code_word__iexact=code_word.strip()) & ~Q(code_word="")
    found = list(Client.objects.filter(match)[:2])
    client = found[0] if len(found) == 1 else None
    EmergencyLookup.objects.create(user=user, found=client is not None)
    if client is None:
        return None
    if not Client.objects.visible_to(user).filter(pk=client.pk).exists():
        grant = EmergencyAccess(
            client=client,
            user=user,
            reason=reason,
            expires_at=timezone.now() + timedelta(hours=settings.EMERGENCY_ACCESS_HOURS),
        )
        save_as(grant, user)
    return client


@transaction.atomic
def emergency_access_review(*, grant: EmergencyAccess, comment: str, by: User) -> None:
    grant.reviewed_by, grant.reviewed_at, grant.review_comment = by, timezone.now(), comment
    save_as(grant, by)


# The client's race when the center no longer collects it (crisis_center/center.py):
# the classifications of the race list, counted and cleared here, where they are kept.


def _races() -> models.QuerySet:
    return ClientClassification.objects.filter(classification__kind=ClassificationKind.RACE)


def races_stored() -> int:
    """How many clients still have a race recorded."""
    return Client.objects.filter(pk__in=_races().values("client_id")).count()


@transaction.atomic
def races_clear(by: User) -> int:
    """Remove every client's race, a history row for each removed (as the client form's
    removal writes): read, history rows and delete in bulk, whatever the number of
    clients. Returns how many clients changed."""
    rows = list(_races().select_for_update())
    if not rows:
        return 0
    history = ClientClassification.history.model
    now = timezone.now()
    history.objects.bulk_create(
        history(
            history_type="-",
            history_date=now,
            history_user=by,
            history_change_reason=center.CLEARED,
            **{field.attname: getattr(row, field.attname) for field in history.tracked_fields},
        )
        for row in rows
    )
    # One DELETE: Model.delete() would send the signals that write history row by row,
    # and the history is written above.
    _races()._raw_delete(ClientClassification.objects.db)
    return len({row.client_id for row in rows})
