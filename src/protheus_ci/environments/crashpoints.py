"""Named points where a test can kill the publishing process (``PROTHEUS_CI_CRASH_AT``).

The atomicity tests start a real process with the variable set to one step name and
check that the environment is on the old release or the new one afterwards. The steps
are listed here so the test can walk every one of them.
"""

from __future__ import annotations

import os

CRASH_ENV = "PROTHEUS_CI_CRASH_AT"
PUBLISH_STEPS = (
    "verified",
    "locked",
    "artifact-copied",
    "release-synced",
    "release-renamed",
    "pointer-created",
    "pointer-switched",
    "history-appended",
)


def crash_point(step: str) -> None:
    if os.environ.get(CRASH_ENV) == step:
        os._exit(86)
