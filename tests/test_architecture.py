"""Arrows point one way (STYLE.md 13): the project package (with the shared record kinds,
forms, views, timeline and ledger registries) imports no domain app, the client record
imports none of the apps that hang off it, and those import not each other (collaboration
may use referrals, never the other way)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ("intake", "advocacy", "referrals", "collaboration")
FORBIDDEN = {
    "crisis_center": DOMAIN,
    "intake": ("advocacy", "referrals", "collaboration"),
    "advocacy": ("referrals", "collaboration"),
    # Collaboration may read referrals' agencies; nothing else crosses between them.
    "referrals": ("advocacy", "collaboration"),
    "collaboration": ("advocacy",),
}


def _importing(packages: tuple[str, ...]) -> re.Pattern:
    """An import of any of `packages`, at the top of a module or inside a function (the
    imports in AppConfig.ready())."""
    return re.compile(rf"^\s*(from|import)\s+({'|'.join(packages)})\b", re.M)


def test_the_rule_sees_every_form_of_import():
    pattern = _importing(("advocacy",))
    for line in (
        "from advocacy import kinds",
        "import advocacy.models",
        "        from advocacy.kinds import KINDS",
        "from advocacy.models import (\n    MedicalAdvocacy,\n)",
    ):
        assert pattern.search(f"import os\n{line}\n"), line
    for line in ("from advocacy_notes import x", "# from advocacy import x", "x = 'advocacy'"):
        assert not pattern.search(line), line


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_one_way(package):
    pattern = _importing(FORBIDDEN[package])
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


def test_no_property_test_fixes_its_own_number_of_examples():
    """The Hypothesis profile decides how many examples a test tries (tests/examples.py):
    a bare `max_examples=60` would try 60 in the quick run and in the deep one alike."""
    tests = Path(__file__).parent
    fixed = re.compile(r"max_examples\s*=\s*(?!examples\()")
    assert fixed.search("@settings(max_examples=60)")
    assert not fixed.search("@settings(max_examples=examples(60))")
    bare = [
        str(path.relative_to(tests))
        for path in tests.rglob("*.py")
        if path.name not in ("examples.py", "test_architecture.py")
        and fixed.search(path.read_text())
    ]
    assert bare == []


def test_every_property_test_is_one_make_test_deep_selects():
    """Hypothesis marks the tests it decorates; one whose @given is inside a function
    (indented) is marked by hand, or `make test-deep` never gives it every example."""
    tests = Path(__file__).parent
    unmarked = [
        str(path.relative_to(tests))
        for path in tests.rglob("*.py")
        if re.search(r"^[ \t]+@given\(", path.read_text(), re.M)
        and "@pytest.mark.hypothesis" not in path.read_text()
    ]
    assert unmarked == []
