"""Stage logs, one database row per line, so every web server sees every worker's output
while the run goes on."""

from __future__ import annotations

import io
import tarfile
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from protheus_ci.db.models import LogLine, Run


class StageLog:
    """Writes the lines of one stage; each call is committed at once so live readers see it."""

    def __init__(self, sessions: sessionmaker[Session], run_id: int, stage: str) -> None:
        self._sessions = sessions
        self._run_id = run_id
        self._stage = stage

    def __call__(self, text: str) -> None:
        with self._sessions.begin() as session:
            session.add_all(
                LogLine(run_id=self._run_id, stage=self._stage, text=line) for line in text.splitlines() or [""]
            )


def lines_after(session: Session, run_id: int, after_id: int) -> list[LogLine]:
    """The next lines of the run, at most 1000, for a live reader that has seen ``after_id``."""
    query = select(LogLine).where(LogLine.run_id == run_id, LogLine.id > after_id)
    return list(session.scalars(query.order_by(LogLine.id).limit(1000)))


def stage_text(session: Session, run_id: int, stage: str) -> str:
    query = select(LogLine.text).where(LogLine.run_id == run_id, LogLine.stage == stage).order_by(LogLine.id)
    return "".join(line + "\n" for line in session.scalars(query))


def archive(session: Session, run: Run) -> bytes:
    """All stage logs of a run as one .tar.gz ("collect logs"): <run>/<nn>-<stage>.log."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in _stage_files(session, run):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = int(run.created_at.timestamp())
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _stage_files(session: Session, run: Run) -> Iterator[tuple[str, bytes]]:
    for stage in run.stages:
        text = stage_text(session, run.id, stage.name)
        yield f"run-{run.id}/{stage.position + 1:02d}-{stage.name}.log", text.encode()
