"""Load test: the app under gunicorn with several workers, and simulated advocates
working a shift at once.

    .venv/bin/python bench/load_test.py                  # SQLite (WAL), a throwaway file
    DATABASE_URL=postgres://... .venv/bin/python bench/load_test.py
    LOAD_ADVOCATES=20 LOAD_SECONDS=60 LOAD_WORKERS=4 ...  # the defaults
    .venv/bin/python bench/load_test.py --faults         # and kill a worker every 2 s

Each advocate signs in through the login form, then, until the time is up, opens the
start page, searches for their clients, opens one, logs a new crisis contact through
the contact form and links it to that client. Prints requests per second, latency,
errors, and afterwards checks in the database that every contact the server said it
saved is there, linked to its client. Exits non-zero on any error or lost contact.

With --faults, a gunicorn worker is killed (SIGKILL) every LOAD_KILL_EVERY seconds (2)
while the advocates work, as the out-of-memory killer or a crash would. A request cut
off that way is not an error: the advocate sends the same form again (same one-time
token) until the server answers, as a person pressing Save again would. Afterwards every
contact the advocates tried to save must be in the database at most once, and every one
the server acknowledged exactly once: 0 lost, 0 duplicated.
"""

import argparse
import os
import random
import re
import signal
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date

import requests
from common import gunicorn, scratch_database, spread

ADVOCATES = int(os.environ.get("LOAD_ADVOCATES", "20"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "4"))
CLIENTS_EACH = int(os.environ.get("LOAD_CLIENTS_EACH", "25"))
PASSWORD = "load-test-password-2026"  # noqa: S105 (a throwaway database)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SAVED = re.compile(r"/contacts/(\d+)/")
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
KILL_EVERY = float(os.environ.get("LOAD_KILL_EVERY", "2"))


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    saved: list[tuple[int, str, int]] = field(default_factory=list)  # contact, marker, client
    tried: list[str] = field(default_factory=list)  # every marker sent, answered or not
    interrupted: int = 0  # requests cut off by a killed worker, then sent again
    killed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--faults", action="store_true", help="kill a worker every few seconds")
    faults = parser.parse_args().faults
    with scratch_database() as vendor:
        clients_of = seed()
        tally = Tally()
        with gunicorn(WORKERS) as (base, server):
            start = time.perf_counter()
            deadline = time.monotonic() + SECONDS
            shift = [
                threading.Thread(target=work, args=(base, name, ids, deadline, tally, faults))
                for name, ids in clients_of.items()
            ]
            if faults:
                shift.append(threading.Thread(target=kill_workers, args=(server, deadline, tally)))
            for advocate in shift:
                advocate.start()
            for advocate in shift:
                advocate.join()
            elapsed = time.perf_counter() - start
        lost = missing(tally.saved)
        doubled = duplicated(tally.tried)
        report(vendor, tally, elapsed, lost, doubled, faults)
        return 1 if tally.errors or lost or doubled else 0


def kill_workers(server, deadline: float, tally: Tally) -> None:
    """SIGKILL one of gunicorn's workers every KILL_EVERY seconds; the master starts
    another in its place."""
    import psutil

    master = psutil.Process(server.pid)
    while time.monotonic() + KILL_EVERY < deadline:
        time.sleep(KILL_EVERY)
        workers = master.children()
        if workers:
            os.kill(random.choice(workers).pid, signal.SIGKILL)
            tally.killed += 1


def seed() -> dict[str, list[int]]:
    """ADVOCATES certified advocates, each with CLIENTS_EACH clients on their caseload."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from crisis_center.models import TrainingRecord, User
    from crisis_center.roles import Role, TrainingTopic
    from intake import services
    from intake.models import Client

    # The server's own hasher (the bench process runs on the test settings' fast one).
    hasher = PBKDF2PasswordHasher()
    password = hasher.encode(PASSWORD, hasher.salt())
    clients_of = {}
    for n in range(1, ADVOCATES + 1):
        advocate = User.objects.create(
            username=f"load-advocate-{n}", password=password, role=Role.ADVOCATE
        )
        TrainingRecord.objects.create(
            staff=advocate,
            topic=TrainingTopic.CRISIS_INTERVENTION,
            hours=40,
            completed_on=date(2026, 1, 15),
        )
        clients_of[advocate.username] = [
            services.client_create(
                client=Client(pseudonym=f"Load-{n}-{i:03d}"), classifications=[], by=advocate
            ).pk
            for i in range(CLIENTS_EACH)
        ]
    return clients_of


def work(
    base: str, username: str, clients: list[int], deadline: float, tally: Tally, faults: bool
) -> None:
    session = requests.Session()
    number = username.rsplit("-", 1)[1]

    def ask(
        method: str, path: str, expect: int | tuple[int, ...], **kwargs
    ) -> requests.Response | None:
        start = time.perf_counter()
        for _ in range(20 if faults else 1):
            try:
                response = session.request(
                    method, base + path, allow_redirects=False, timeout=60, **kwargs
                )
                break
            except requests.ConnectionError as error:
                if not faults:
                    with tally.lock:
                        tally.errors.append(f"{method} {path}: {type(error).__name__}")
                    return None
                # Cut off by a killed worker: send the same request again.
                with tally.lock:
                    tally.interrupted += 1
                time.sleep(0.2)
            except requests.RequestException as error:
                with tally.lock:
                    tally.errors.append(f"{method} {path}: {type(error).__name__}")
                return None
        else:
            with tally.lock:
                tally.errors.append(f"{method} {path}: no answer after 20 tries")
            return None
        with tally.lock:
            tally.times.append(time.perf_counter() - start)
            if response.status_code not in (expect if isinstance(expect, tuple) else (expect,)):
                tally.errors.append(f"{method} {path}: {response.status_code}")
                return None
        return response

    def token(path: str) -> str | None:
        page = ask("GET", path, 200)
        found = page and TOKEN.search(page.text)
        return found.group(1) if found else None

    login = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": ""}
    login["csrfmiddlewaretoken"] = token("/accounts/login/") or ""
    if not ask("POST", "/accounts/login/", 302, data=login):
        return
    while time.monotonic() < deadline:
        client = random.choice(clients)
        ask("GET", "/", 200)
        ask("GET", "/clients/", 200, params={"q": f"Load-{number}-"})
        ask("GET", f"/clients/{client}/", 200)
        form = ask("GET", "/contacts/new/", 200)
        if not form:
            continue
        hidden = dict(HIDDEN.findall(form.text))  # the CSRF and one-time form tokens
        marker = f"load-test {uuid.uuid4()}"
        contact = hidden | {
            "channel": "hotline_call",
            "started_at": time.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": str(random.randint(5, 60)),
            "note": marker,
        }
        with tally.lock:
            tally.tried.append(marker)
        saved = ask("POST", "/contacts/new/", (302, 200), data=contact)
        # Saved now (a redirect to it), or by a try the killed worker never answered
        # (the same token again: "already saved", with a link to it).
        found = saved and SAVED.search(saved.headers.get("Location") or saved.text)
        if not found:
            if saved is not None:
                with tally.lock:
                    tally.errors.append(f"POST /contacts/new/: {saved.status_code}, not saved")
            continue
        pk = int(found.group(1))
        # What the confirmation page posts once the advocate has seen the client's name.
        link = {
            "csrfmiddlewaretoken": hidden["csrfmiddlewaretoken"],
            "client": str(client),
            "current": "",
            "confirm": "1",
        }
        if ask("POST", f"/contacts/{pk}/link/", 302, data=link):
            with tally.lock:
                tally.saved.append((pk, marker, client))


def missing(saved: list[tuple[int, str, int]]) -> list[int]:
    """Contacts the server acknowledged that the database does not hold as saved."""
    from intake.models import CrisisContact

    rows = CrisisContact.objects.values_list("pk", "note", "client_id")
    stored = {pk: (note, client) for pk, note, client in rows}
    return [pk for pk, marker, client in saved if stored.get(pk) != (marker, client)]


def duplicated(tried: list[str]) -> list[str]:
    """Markers (one per contact an advocate tried to save) stored more than once."""
    from django.db.models import Count

    from intake.models import CrisisContact

    doubled = (
        CrisisContact.objects.filter(note__in=tried)
        .values("note")
        .annotate(copies=Count("pk"))
        .filter(copies__gt=1)
    )
    return [row["note"] for row in doubled]


def report(
    vendor: str, tally: Tally, elapsed: float, lost: list[int], doubled: list[str], faults: bool
) -> None:
    median, p95 = spread([t * 1000 for t in tally.times]) if tally.times else (0, 0)
    killing = f", a worker killed every {KILL_EVERY:g} s" if faults else ""
    print(f"Load test on {vendor}: {ADVOCATES} advocates, {WORKERS} gunicorn workers, "
          f"{elapsed:.0f} s{killing}")  # fmt: skip
    print(f"  requests      {len(tally.times):>8,}   ({len(tally.times) / elapsed:.1f} per second)")
    print(f"  median        {median:>8.0f} ms")
    print(f"  95th pct      {p95:>8.0f} ms")
    print(f"  contacts      {len(tally.saved):>8,}   saved and linked")
    print(f"  errors        {len(tally.errors):>8,}")
    print(f"  lost contacts {len(lost):>8,}")
    print(f"  duplicated    {len(doubled):>8,}")
    if faults:
        print(f"  workers killed {tally.killed:>7,}")
        print(f"  interrupted   {tally.interrupted:>8,}   requests cut off, then sent again")
    for error in tally.errors[:10]:
        print(f"    {error}")


if __name__ == "__main__":
    sys.exit(main())
