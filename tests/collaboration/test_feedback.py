"""Client feedback (ICASA Section 2: service evaluation forms for all clients).

The link works once and cannot be used to reach anything else; the response carries
no client, no link and no time; results are counts, suppressed for coordinators.
"""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collaboration.models import FeedbackLink, FeedbackResponse, token_hash
from tests.examples import examples

ANSWERS = {
    "services": ["hotline", "counseling"],
    "felt_safe": "strongly_agree",
    "felt_believed": "agree",
    "understood_culture": "prefer_not",
    "what_helped": "Being listened to.",
}


LINK = re.compile(r'(?:href|action|src)="([^"]*)"|url=([^"]*)"')


def _survey(token: str) -> str:
    return reverse("survey", args=[token])


@pytest.fixture
def link(db):
    return FeedbackLink.issue()


# The link works once ------------------------------------------------------------------


def test_the_link_opens_the_survey(client, link):
    _link, token = link
    response = client.get(_survey(token))
    assert response.status_code == 200
    assert "Tell us how we did" in response.content.decode()


def test_the_link_works_once(client, link):
    _link, token = link
    assert client.post(_survey(token), ANSWERS).status_code == 200
    assert client.get(_survey(token)).status_code == 404
    assert client.post(_survey(token), ANSWERS).status_code == 404
    assert FeedbackResponse.objects.count() == 1


def test_a_double_submit_saves_one_response(client, link):
    # Both posts passed the first look-up; only one wins the UPDATE ... WHERE used=false.
    _link, token = link
    from collaboration import services
    from collaboration.forms import SurveyForm

    form = SurveyForm(ANSWERS)
    assert form.is_valid()
    services.feedback_submit(token=token, response=form.response())
    with pytest.raises(services.LinkUnavailable):
        services.feedback_submit(token=token, response=form.response())
    assert FeedbackResponse.objects.count() == 1


def test_an_invalid_post_does_not_spend_the_link(client, link):
    _link, token = link
    response = client.post(_survey(token), {"felt_safe": "furious", "what_helped": "x" * 1001})
    assert response.status_code == 200
    assert FeedbackResponse.objects.count() == 0
    assert client.post(_survey(token), ANSWERS).status_code == 200


def test_an_expired_link_shows_the_same_page_as_an_unknown_one(client, link, settings):
    stale, token = link
    FeedbackLink.objects.filter(pk=stale.pk).update(
        created_on=timezone.localdate() - timedelta(days=settings.FEEDBACK_LINK_DAYS)
    )
    expired = client.get(_survey(token))
    unknown = client.get(_survey("A" * 43))
    assert expired.status_code == unknown.status_code == 404
    assert expired.content == unknown.content
    assert "already been used or has expired" in expired.content.decode()


def test_only_the_hash_of_the_token_is_stored(link):
    row, token = link
    assert row.token_hash == token_hash(token) != token
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM collaboration_feedbacklink")
        assert token not in str(cursor.fetchall())


# The link reaches nothing else --------------------------------------------------------


def test_the_survey_does_not_sign_anyone_in(client, link, own_client):
    _link, token = link
    client.get(_survey(token))
    client.post(_survey(token), ANSWERS)
    client.get(_survey(token))
    assert not client.cookies  # no session, not even a CSRF cookie left on the phone
    for name, args in (("home", []), ("client_detail", [own_client.pk]), ("feedback_results", [])):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_the_survey_pages_link_nowhere_in_the_system(client, db):
    kiosk, kiosk_token = FeedbackLink.issue(kiosk=True, label="Tablet")
    _single, token = FeedbackLink.issue()
    pages = [
        client.get(_survey(token)),
        client.post(_survey(token), {"felt_safe": "nonsense"}),
        client.post(_survey(token), ANSWERS),
        client.get(_survey(token)),
        client.post(_survey(kiosk_token), ANSWERS),
    ]
    for response in pages:
        body = response.content.decode()
        targets = {a or b for a, b in LINK.findall(body)}
        static = {t for t in targets if t.startswith("/static/")}
        # The kiosk's thank-you page links to a fresh survey of the same kiosk; nothing else.
        assert targets - static <= {_survey(kiosk_token)}, targets
        assert "Sign out" not in body and "navbar" not in body


def test_the_survey_sends_no_referrer_and_is_never_cached(client, link):
    _link, token = link
    for response in (client.get(_survey(token)), client.get(_survey("nope"))):
        assert response["Referrer-Policy"] == "no-referrer"
        assert "no-store" in response["Cache-Control"]


def test_a_signed_in_staff_member_is_asked_to_sign_out_first(client, advocate, link):
    _link, token = link
    client.force_login(advocate)
    response = client.get(_survey(token))
    assert response.status_code == 403
    assert "Sign out of the case system" in response.content.decode()
    assert FeedbackLink.objects.get().used is False


HOSTILE_TOKENS = [
    "x",
    "A" * 42,
    "A" * 44,
    "A" * 5000,
    "%00",
    "..%2F..%2Fadmin",
    "ñandú-ünïcødé-ñandú-ünïcødé-ñandú-ünïcødé-ñ",
    "🙂" * 43,
    "' OR 1=1 --",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("token", HOSTILE_TOKENS)
def test_a_forged_token_is_a_404_never_a_500(client, db, token):
    for method in ("get", "post"):
        response = getattr(client, method)(f"/survey/{token}/")
        assert response.status_code == 404
    assert FeedbackResponse.objects.count() == 0


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(token=st.text(min_size=1, max_size=300).filter(lambda t: "/" not in t))
def test_any_garbage_token_is_a_404(client, db, token):
    from urllib.parse import quote

    response = client.get(f"/survey/{quote(token, safe='')}/")
    assert response.status_code == 404


# The response is anonymous ------------------------------------------------------------


def test_the_response_carries_no_client_link_staff_or_time(client, link):
    names = {f.name for f in FeedbackResponse._meta.get_fields()}
    assert not names & {"client", "link", "created_by", "created_at", "updated_at", "history"}
    assert not any(f.is_relation for f in FeedbackResponse._meta.get_fields())
    link_fields = {f.name for f in FeedbackLink._meta.get_fields()}
    assert not link_fields & {"client", "created_by", "service", "history"}

    _link, token = link
    client.post(_survey(token), ANSWERS)
    response = FeedbackResponse.objects.get()
    assert response.month == timezone.localdate().replace(day=1)
    assert response.used_hotline and response.used_counseling and not response.used_referrals
    assert response.felt_safe == "strongly_agree"
    assert response.got_help == "not_answered"


# Kiosk --------------------------------------------------------------------------------


def test_a_kiosk_link_takes_many_surveys_and_offers_a_new_one(client, db):
    _kiosk, token = FeedbackLink.issue(kiosk=True, label="Waiting room")
    for _ in range(3):
        response = client.post(_survey(token), ANSWERS)
        assert response.status_code == 200
        assert "Start a new survey" in response.content.decode()
    assert FeedbackResponse.objects.count() == 3
    assert client.get(_survey(token)).status_code == 200


def test_a_kiosk_takes_at_most_the_hourly_limit(client, db, settings):
    settings.FEEDBACK_KIOSK_PER_HOUR = 2
    kiosk, token = FeedbackLink.issue(kiosk=True, label="Waiting room")
    assert client.post(_survey(token), ANSWERS).status_code == 200
    assert client.post(_survey(token), ANSWERS).status_code == 200
    assert client.post(_survey(token), ANSWERS).status_code == 429
    assert FeedbackResponse.objects.count() == 2
    FeedbackLink.objects.filter(pk=kiosk.pk).update(
        window_started_at=timezone.now() - timedelta(hours=1, minutes=1)
    )
    assert client.post(_survey(token), ANSWERS).status_code == 200


def test_a_revoked_kiosk_opens_nothing(client, supervisor):
    kiosk, token = FeedbackLink.issue(kiosk=True, label="Waiting room")
    client.force_login(supervisor)
    assert client.post(reverse("kiosk_revoke", args=[kiosk.pk])).status_code == 302
    client.logout()
    assert client.get(_survey(token)).status_code == 404


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("advocate", 404),
        ("trainee", 404),
        ("supervisor", 200),
        ("coordinator", 404),
        ("admin", 404),
    ],
)
def test_only_supervisors_manage_kiosks(client, staff, username, status):
    client.force_login(staff[username])
    assert client.get(reverse("kiosk_list")).status_code == status
    kiosk, _token = FeedbackLink.issue(kiosk=True, label="Tablet")
    revoke = client.post(reverse("kiosk_revoke", args=[kiosk.pk]))
    assert revoke.status_code == (302 if status == 200 else 404)


def test_a_supervisor_creates_a_kiosk_link_and_sees_it_once(client, supervisor):
    client.force_login(supervisor)
    response = client.post(reverse("kiosk_list"), {"label": "Front desk tablet"})
    body = response.content.decode()
    token = re.search(r"/survey/([A-Za-z0-9_-]{43})/", body).group(1)
    assert FeedbackLink.objects.by_token(token).get().kiosk
    assert "<svg" in body
    assert token not in client.get(reverse("kiosk_list")).content.decode()


# Single-use links for staff -----------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("advocate", 200),
        ("trainee", 200),
        ("supervisor", 200),
        ("coordinator", 404),
        ("admin", 404),
    ],
)
def test_staff_who_see_clients_make_feedback_links(client, staff, username, status):
    client.force_login(staff[username])
    assert client.get(reverse("feedback_link_new")).status_code == status
    response = client.post(reverse("feedback_link_new"), {"language": "en"})
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "<svg" in body  # the QR code, drawn on the server
        token = re.search(r"/survey/([A-Za-z0-9_-]{43})/", body).group(1)
        link = FeedbackLink.objects.by_token(token).get()
        assert not link.kiosk and not link.used


def test_making_a_link_records_no_staff(client, advocate):
    client.force_login(advocate)
    client.post(reverse("feedback_link_new"), {"language": "es"})
    row = FeedbackLink.objects.values().get()
    assert str(advocate.pk) not in {str(v) for k, v in row.items() if k != "id"}


# Results ------------------------------------------------------------------------------


def _responses(n: int, month: date, **answers) -> None:
    FeedbackResponse.objects.bulk_create(FeedbackResponse(month=month, **answers) for _ in range(n))


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("advocate", 404),
        ("trainee", 404),
        ("supervisor", 200),
        ("coordinator", 200),
        ("admin", 404),
    ],
)
def test_supervisors_and_coordinators_see_results(client, staff, username, status):
    client.force_login(staff[username])
    assert client.get(reverse("feedback_results")).status_code == status
    assert client.get(reverse("feedback_results_csv")).status_code == status


def test_results_count_each_answer(client, supervisor):
    month = timezone.localdate().replace(day=1)
    _responses(7, month, felt_safe="strongly_agree", used_hotline=True)
    _responses(2, month, felt_safe="disagree")
    client.force_login(supervisor)
    rows = client.get(reverse("feedback_results")).context["rows"]
    safe = {r["answer"]: r["count"] for r in rows if r["question"] == "I felt safe here."}
    assert safe["Strongly agree"] == 7 and safe["Disagree"] == 2 and safe["Agree"] == 0
    used = {r["answer"]: r["count"] for r in rows if r["question"] == "Services used"}
    assert used["Hotline"] == 7


def test_coordinators_see_small_counts_suppressed_and_no_bar(client, coordinator):
    month = timezone.localdate().replace(day=1)
    _responses(7, month, felt_safe="strongly_agree")
    _responses(2, month, felt_safe="disagree")
    client.force_login(coordinator)
    rows = client.get(reverse("feedback_results")).context["rows"]
    safe = {r["answer"]: r for r in rows if r["question"] == "I felt safe here."}
    # 9 responses and 7 who strongly agree: the 2 who disagree would be 9 - 7, so the
    # answers other than agreeing show no breakdown.
    assert safe["Disagree"]["count"] == "hidden" and safe["Disagree"]["bar"] is None
    assert safe["Strongly agree"]["count"] == 7
    csv = client.get(reverse("feedback_results_csv")).content.decode()
    assert "I felt safe here.,Disagree,hidden" in csv


def test_free_text_is_for_supervisors_only_and_never_in_the_csv(client, supervisor, coordinator):
    month = timezone.localdate().replace(day=1)
    _responses(6, month, what_helped="Maria at the front desk was kind")
    for user, shown in ((supervisor, True), (coordinator, False)):
        client.force_login(user)
        page = client.get(reverse("feedback_results")).content.decode()
        assert ("Maria at the front desk" in page) is shown
        assert "Maria" not in client.get(reverse("feedback_results_csv")).content.decode()


def test_the_period_filter_counts_only_those_months(client, supervisor):
    _responses(5, date(2025, 1, 1), felt_safe="agree")
    _responses(6, date(2025, 3, 1), felt_safe="agree")
    client.force_login(supervisor)
    response = client.get(reverse("feedback_results"), {"start": "2025-02", "end": "2025-03"})
    assert response.context["total"] == 6


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2025-13"},
        {"start": "garbage", "end": "9999-99"},
        {"start": "2025-05", "end": "2025-01"},
        {"start": "0001-01"},
        {"start": ["2025-01", "2025-02"]},
        {"end": "x" * 5000},
    ],
)
def test_a_bad_period_shows_a_message_not_an_error(client, supervisor, query):
    client.force_login(supervisor)
    for name in ("feedback_results", "feedback_results_csv"):
        assert client.get(reverse(name), query).status_code == 200


def test_the_results_page_runs_a_fixed_number_of_queries(
    client, supervisor, django_assert_max_num_queries
):
    month = timezone.localdate().replace(day=1)
    client.force_login(supervisor)
    # session, user, savepoint, the counts (one aggregate), written answers (count and
    # page), release; then savepoint, session save, release. The same at 3 and at 60.
    for n in (3, 57):
        _responses(n, month, felt_safe="agree", what_helped="Kind people")
        with django_assert_max_num_queries(11):
            assert client.get(reverse("feedback_results")).status_code == 200


def test_the_kiosk_list_runs_a_fixed_number_of_queries(
    client, supervisor, django_assert_max_num_queries
):
    client.force_login(supervisor)
    # session, user, savepoint, count, page of kiosks, release; savepoint, session
    # save, release. The same at 3 kiosks and at 33.
    for n in (3, 30):
        for i in range(n):
            FeedbackLink.issue(kiosk=True, label=f"Tablet {i}")
        with django_assert_max_num_queries(11):
            assert client.get(reverse("kiosk_list")).status_code == 200


@pytest.mark.parametrize("day", [2, 10, 28])
def test_the_database_keeps_a_response_on_the_first_of_its_month(db, day):
    from django.db import IntegrityError, transaction

    kept = FeedbackResponse.objects.create(month=date(2026, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackResponse.objects.filter(pk=kept.pk).update(month=date(2026, 3, day))
