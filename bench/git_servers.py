"""Smart-HTTP servers compared: ``git http-backend`` (what protheus-ci uses, through
``protheus_ci.gitstore.http_backend``) against dulwich's WSGI server, on loopback, with
the real git client. Needs ``pip install dulwich`` (a benchmark-only dependency).

    python bench/git_servers.py [--commits 200] [--rounds 5]

Prints, per server, the median time of: a first push of the whole history, a push of
one new commit, and a full clone. No authentication on either side: this measures the
protocol servers only.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from protheus_ci.gitstore import http_backend
from protheus_ci.gitstore.bare import ensure_bare

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _http_backend_app(root: Path) -> WsgiApp:
    @Request.application
    def app(request: Request) -> Response:
        result = http_backend.serve(
            "git",
            root,
            http_backend.CgiRequest(
                method=request.method,
                path_info=request.path,
                query_string=request.query_string.decode(),
                content_type=request.content_type or "",
                content_encoding=request.headers.get("Content-Encoding", ""),
                body=request.get_data(),
                git_protocol=request.headers.get("Git-Protocol", ""),
                remote_user="bench",
            ),
        )
        return Response(result.body, status=result.status, headers=result.headers)

    return app


def _dulwich_app(root: Path) -> WsgiApp:
    from dulwich.repo import Repo
    from dulwich.server import BackendRepo, DictBackend
    from dulwich.web import make_wsgi_chain

    repository = Repo(str(root / "bench.git"))
    repository.get_config().set(b"http", b"receivepack", b"true")
    repositories: dict[str, BackendRepo] = {"/bench.git": repository}
    chain: WsgiApp = make_wsgi_chain(DictBackend(repositories))
    return chain


def _timed(cwd: Path, git_args: list[str]) -> float:
    start = time.perf_counter()
    _git(cwd, *git_args)
    return time.perf_counter() - start


def _measure(name: str, make_app: Callable[[Path], WsgiApp], source: Path, rounds: int) -> None:
    first, incremental, clone = [], [], []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="pci-git-bench-") as scratch:
            root = Path(scratch)
            ensure_bare("git", root / "bench.git")
            server = make_server("127.0.0.1", 0, make_app(root), threaded=True)
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            url = f"http://127.0.0.1:{server.server_port}/bench.git"
            try:
                push = ["push", "--quiet", url, "main"]
                first.append(_timed(source, push))
                _git(source, "commit", "--quiet", "--allow-empty", "-m", "one more")
                incremental.append(_timed(source, push))
                clone.append(_timed(root, ["clone", "--quiet", url, str(root / "clone")]))
            finally:
                server.shutdown()
                thread.join()
    print(
        f"{name:16} first push {statistics.median(first) * 1000:7.0f} ms | "
        f"one-commit push {statistics.median(incremental) * 1000:6.0f} ms | "
        f"clone {statistics.median(clone) * 1000:6.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="pci-git-source-") as scratch:
        source = Path(scratch)
        _git(source, "init", "--quiet", "--initial-branch=main")
        _git(source, "config", "user.email", "bench@example.com")
        _git(source, "config", "user.name", "bench")
        for number in range(args.commits):
            (source / f"src/MATA{number % 40:03d}.prw").parent.mkdir(exist_ok=True)
            (source / f"src/MATA{number % 40:03d}.prw").write_text(
                "".join(f"User Function F{number}_{line}()\nReturn {line}\n" for line in range(50))
            )
            _git(source, "add", "--all")
            _git(source, "commit", "--quiet", "-m", f"change {number}")
        print(f"history: {args.commits} commits, 40 files; median of {args.rounds} rounds")
        _measure("git http-backend", _http_backend_app, source, args.rounds)
        _measure("dulwich", _dulwich_app, source, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
