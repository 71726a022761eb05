"""Arrows point one way (STYLE.md 13): the project package (with the shared record kinds,
forms, views, timeline and ledger registries) imports no domain app, the client record
imports none of the apps that hang off it, and those import not each other."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "crisis_center": ("intake", "advocacy", "referrals", "collaboration"),
    "intake": ("advocacy", "referrals", "collaboration"),
    "advocacy": ("referrals", "collaboration"),
    # Collaboration may read referrals' agencies; nothing else crosses between them.
    "referrals": ("advocacy", "collaboration"),
    "collaboration": ("advocacy",),
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_one_way(package):
    pattern = re.compile(rf"^\s*(from|import)\s+({'|'.join(FORBIDDEN[package])})\b", re.M)
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_every_transactional_test_restores_the_database_it_flushes():
    """A transactional test flushes the database when it ends, and the flush's
    post_migrate makes content types anew: the next test that restores the serialized
    copy then fails on them, depending on the order tests ran in. Every transactional
    test restores the serialized copy itself (serialized_rollback=True)."""
    import re
    from pathlib import Path

    tests = Path(__file__).parent
    marks = re.compile(r"django_db\(([^)]*transaction=True[^)]*)\)")
    bare = [
        f"{path.relative_to(tests)}: {mark}"
        for path in tests.rglob("*.py")
        for mark in marks.findall(path.read_text())
        if "serialized_rollback=True" not in mark
    ]
    assert bare == []
