"""Smart HTTP through ``git http-backend``, the CGI program that ships with git.

We chose it over dulwich's server: it is the reference implementation of the protocol
(v0, v2, gzip bodies, shallow fetches), it runs the repository's hooks, and it honours
``transfer.hideRefs``, which keeps the reserved namespace out of reach. Authorisation is
done by the caller before this module is reached.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class CgiRequest:
    method: str
    # Path below the project root, e.g. "/acme/erp.git/info/refs".
    path_info: str
    query_string: str
    content_type: str
    # git clients gzip large request bodies; git inflates them itself.
    content_encoding: str
    body: bytes
    # The protocol version header (v2) travels to git as GIT_PROTOCOL.
    git_protocol: str
    remote_user: str


@dataclasses.dataclass(frozen=True)
class CgiResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    # "old new ref" for every ref a receive-pack moved; empty for fetches.
    ref_updates: list[tuple[str, str, str]]


def serve(git: str, project_root: Path, request: CgiRequest) -> CgiResponse:
    with tempfile.NamedTemporaryFile(prefix="push-", suffix=".log") as push_log:
        env: Mapping[str, str] = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": str(project_root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "REQUEST_METHOD": request.method,
            "PATH_INFO": request.path_info,
            "QUERY_STRING": request.query_string,
            "CONTENT_TYPE": request.content_type,
            "CONTENT_LENGTH": str(len(request.body)),
            "HTTP_CONTENT_ENCODING": request.content_encoding,
            "REMOTE_USER": request.remote_user,
            "REMOTE_ADDR": "127.0.0.1",
            "GIT_PROTOCOL": request.git_protocol,
            "PROTHEUS_CI_PUSH_LOG": push_log.name,
        }
        result = subprocess.run([git, "http-backend"], input=request.body, env=env, capture_output=True, check=False)
        updates = _parse_push_log(Path(push_log.name).read_text(encoding="utf-8"))
    status, headers, body = _parse_cgi_output(result.stdout)
    if result.returncode != 0 and status == 200:
        status = 500
    return CgiResponse(status=status, headers=headers, body=body, ref_updates=updates)


def _parse_cgi_output(output: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    head, _, body = output.partition(b"\r\n\r\n")
    if not _:
        head, _, body = output.partition(b"\n\n")
    status = 200
    headers: list[tuple[str, str]] = []
    for line in head.decode("latin-1").splitlines():
        name, _, value = line.partition(":")
        if name.lower() == "status":
            status = int(value.strip().split()[0])
        elif name:
            headers.append((name.strip(), value.strip()))
    return status, headers, body


def _parse_push_log(text: str) -> list[tuple[str, str, str]]:
    updates = []
    for line in text.splitlines():
        old, new, ref = line.split(" ", 2)
        updates.append((old, new, ref))
    return updates
