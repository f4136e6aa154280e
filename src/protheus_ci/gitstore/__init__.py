"""The reserved space: one bare git repository per tenant repository, where nothing a
customer ever pushed is lost.

Every revision received, by push or by mirror fetch, is pinned under
``refs/protheus-ci/received/<sha>``. Those refs are hidden from clients, who therefore can
neither see nor delete them, so a force push or a branch deletion never makes a commit
unreachable.
"""
