"""Arrows point one way (STYLE.md 13): the project package imports no domain app, and the
client record imports none of the apps that hang off it."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "crisis_center": ("intake", "advocacy", "referrals", "collaboration"),
    "intake": ("advocacy", "referrals", "collaboration"),
    "advocacy": ("referrals", "collaboration"),
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
