"""Severities, from SonarQube's scale, ordered so thresholds can compare them."""

from __future__ import annotations

import enum


class Severity(enum.StrEnum):
    INFO = "info"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"
    BLOCKER = "blocker"

    @property
    def rank(self) -> int:
        return _ORDER.index(self)


_ORDER = [Severity.INFO, Severity.MINOR, Severity.MAJOR, Severity.CRITICAL, Severity.BLOCKER]
