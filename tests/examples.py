"""How many examples each property test tries: the Hypothesis profile decides.

Two profiles, chosen by the HYPOTHESIS_PROFILE environment variable:

- "default" (`make test`, and plain pytest): a fifth of each test's full count, so the
  suite stays quick enough to run before every commit;
- "deep" (`make test-deep`, which CI runs once): the full count of every test.

A test names its full count once, `@settings(max_examples=examples(60))`, and never a
bare number (tests/test_architecture.py checks); a test that names none gets the
profile's own max_examples, which is the same share of Hypothesis's default of 100.

`make test-deep` selects the property tests with `-m hypothesis`, the mark Hypothesis
gives every test it decorates. A test whose @given is inside it (one property per form,
say) carries `@pytest.mark.hypothesis` itself.
"""

import math
import os

from hypothesis import settings

FULL = 100  # Hypothesis's own default: what the deep profile gives a test naming no count
SHARE = {"default": 0.2, "deep": 1.0}

for _name, _share in SHARE.items():
    settings.register_profile(_name, max_examples=round(FULL * _share))

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
if PROFILE not in SHARE:
    raise ValueError(f"HYPOTHESIS_PROFILE={PROFILE!r}: one of {', '.join(SHARE)}")
settings.load_profile(PROFILE)


def examples(full: int) -> int:
    """The number of examples a test with `full` examples in the deep profile tries now."""
    return max(1, math.ceil(full * SHARE[PROFILE]))
