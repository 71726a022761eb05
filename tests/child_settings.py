"""The settings of the processes the tests start (manage.py, gunicorn): the real settings,
with nothing changed but the test-only record kind installed (tests/recordkind_app), since
the test databases they open hold its table and its migration."""

from crisis_center.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.recordkind_app"]  # noqa: F405
