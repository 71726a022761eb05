"""A client record kind that exists only in the test suite: one model, one form and one
registration line (apps.py), and nothing else in the tree knows of it
(tests/test_record_kinds.py shows what follows from the registration)."""
