"""The rule catalog: one module per rule family, one TOML record per rule.

A rule is its check (in a module of this package, registered with one of the
decorators in :mod:`protheus_ci.analyzers.rules.api`), its metadata and texts
(``docs/<CODE>.toml``, in English and Portuguese, with a bad and a good example
that the test suite checks), and an annotated fixture
(``tests/fixtures/rules/<CODE>.*``).
"""
