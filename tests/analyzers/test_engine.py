"""The engine: selection, severities, suppression, bad files, cache and jobs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from protheus_ci.analyzers.analysis import run_analysis
from protheus_ci.analyzers.config import AnalyzerConfig
from protheus_ci.analyzers.findings import Finding
from protheus_ci.analyzers.rules.api import FileRule, Hit
from protheus_ci.analyzers.severity import Severity
from protheus_ci.analyzers.sources import SourceText

LOGGING = b"User Function XYZ001()\r\n    ConOut('a')\r\n    ConOut('b')\r\nReturn\r\n"


def write(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def codes(findings: list[Finding]) -> list[tuple[str, str, int]]:
    return [(f.code, f.path, f.line) for f in findings]


def analyze(root: Path, **settings: object) -> list[Finding]:
    return run_analysis([root], AnalyzerConfig(**settings), root=root).findings  # type: ignore[arg-type]


def test_findings_carry_position_function_and_rendered_message(tmp_path: Path) -> None:
    write(tmp_path, "src/a.prw", LOGGING)
    findings = analyze(tmp_path, select=("LEG001",))
    assert codes(findings) == [("LEG001", "src/a.prw", 2), ("LEG001", "src/a.prw", 3)]
    first = findings[0]
    assert (first.column, first.function, first.severity) == (5, "XYZ001", Severity.MINOR)
    assert first.line_text == "    ConOut('a')"


def test_select_ignore_and_severity_overrides(tmp_path: Path) -> None:
    write(tmp_path, "a.prw", LOGGING + b"Static Function xyz()\r\n  RecLock('ZZ1', .T.)\r\nReturn\r\n")
    assert {f.code for f in analyze(tmp_path)} >= {"LEG001", "TRN001"}
    assert {f.code for f in analyze(tmp_path, ignore=("LEG",))} >= {"TRN001"}
    assert "LEG001" not in {f.code for f in analyze(tmp_path, ignore=("LEG",))}
    overridden = analyze(tmp_path, select=("LEG001",), severity={"LEG": Severity.BLOCKER})
    assert {f.severity for f in overridden} == {Severity.BLOCKER}


def test_inline_suppression_names_codes(tmp_path: Path) -> None:
    source = (
        b"User Function XYZ001()\r\n"
        b"    ConOut('a') // protheus-ci: ignore LEG001\r\n"
        b"    // protheus-ci: ignore-next-line LEG\r\n"
        b"    ConOut('b')\r\n"
        b"    ConOut('c') // protheus-ci: ignore SQL001\r\n"
        b"    ConOut('d') // protheus-ci: ignore\r\n"
        b"Return\r\n"
    )
    write(tmp_path, "a.prw", source)
    assert [f.line for f in analyze(tmp_path, select=("LEG001",))] == [5, 6]


def test_exclude_and_per_file_ignores(tmp_path: Path) -> None:
    write(tmp_path, "src/a.prw", LOGGING)
    write(tmp_path, "legacy/b.prw", LOGGING)
    write(tmp_path, "vendor/c.prw", LOGGING)
    findings = analyze(tmp_path, select=("LEG001",), exclude=("vendor/**",), per_file_ignores={"legacy/*": ("LEG",)})
    assert {f.path for f in findings} == {"src/a.prw"}


def test_bad_files_become_findings_and_the_run_goes_on(tmp_path: Path) -> None:
    write(tmp_path, "a.prw", LOGGING)
    write(tmp_path, "binary.prw", b"\xff\xfeU\x00s\x00e\x00r\x00")
    write(tmp_path, "huge.prw", b"// " + b"x" * 2000 + b"\r\n")
    write(tmp_path, "std.ch", b"#zip\x00\x01")
    locked = write(tmp_path, "locked.prw", LOGGING)
    locked.chmod(0)
    result = run_analysis([tmp_path], AnalyzerConfig(max_file_bytes=1000), root=tmp_path)
    by_path = {(f.path, f.code) for f in result.findings}
    assert {("binary.prw", "FIL001"), ("huge.prw", "FIL002"), ("std.ch", "FIL003"), ("a.prw", "LEG001")} <= by_path
    if os.geteuid() != 0:  # root can read any file
        assert ("locked.prw", "FIL004") in by_path


def test_syntax_errors_are_findings(tmp_path: Path) -> None:
    write(tmp_path, "a.prw", b"User Function XYZ001()\r\n  nA := (1 +\r\nReturn\r\n")
    assert codes(analyze(tmp_path, select=("SYN001",))) == [("SYN001", "a.prw", 2)]


def test_dialect_limited_rules_skip_other_dialects(tmp_path: Path) -> None:
    twins = b"User Function XYZFATURA1()\r\nReturn\r\nUser Function XYZFATURA2()\r\nReturn\r\n"
    write(tmp_path, "a.prw", twins)
    write(tmp_path, "b.tlpp", twins.replace(b"XYZ", b"ABC"))
    assert {f.path for f in analyze(tmp_path, select=("NAM001",))} == {"a.prw"}


def test_fingerprints_survive_moved_lines(tmp_path: Path) -> None:
    write(tmp_path, "a.prw", LOGGING)
    before = {f.fingerprint for f in analyze(tmp_path, select=("LEG001",))}
    write(tmp_path, "a.prw", b"// new header\r\n\r\n" + LOGGING.replace(b"    ConOut", b"  ConOut"))
    after = {f.fingerprint for f in analyze(tmp_path, select=("LEG001",))}
    assert before == after and len(before) == 2


def test_cache_reuses_unchanged_files(tmp_path: Path) -> None:
    project = tmp_path / "p"
    write(project, "a.prw", LOGGING)
    write(project, "b.prw", LOGGING)
    cache = tmp_path / "cache"
    cold = run_analysis([project], AnalyzerConfig(), root=project, cache_dir=cache)
    warm = run_analysis([project], AnalyzerConfig(), root=project, cache_dir=cache)
    assert (cold.analyzed, cold.cached, warm.analyzed, warm.cached) == (2, 0, 0, 2)
    assert codes(cold.findings) == codes(warm.findings)
    write(project, "b.prw", LOGGING + b"Static Function x()\r\nReturn\r\n")
    changed = run_analysis([project], AnalyzerConfig(), root=project, cache_dir=cache)
    assert (changed.analyzed, changed.cached) == (1, 1)
    other_settings = run_analysis([project], AnalyzerConfig(ignore=("HYG",)), root=project, cache_dir=cache)
    assert other_settings.analyzed == 2


@pytest.mark.parametrize("jobs", [2])
def test_parallel_jobs_give_the_same_findings(tmp_path: Path, sources_dir: Path, jobs: int) -> None:
    for i in range(6):
        write(tmp_path, f"f{i}.prw", LOGGING.replace(b"XYZ001", f"XYZ00{i}".encode()))
    serial = run_analysis([tmp_path, sources_dir], AnalyzerConfig(), root=tmp_path)
    parallel = run_analysis([tmp_path, sources_dir], AnalyzerConfig(), root=tmp_path, jobs=jobs)
    assert codes(serial.findings) == codes(parallel.findings) and serial.findings


def test_a_failing_rule_becomes_a_finding_and_the_others_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from protheus_ci.analyzers.catalog import load_catalog

    catalog = load_catalog()

    def broken(ctx: object) -> Iterator[Hit]:
        raise RuntimeError("boom")
        yield  # a generator, like every check

    others = [r for r in catalog.file_rules if r.code != "HYG001"]
    monkeypatch.setattr(catalog, "file_rules", [*others, FileRule("HYG001", broken)])
    write(tmp_path, "a.prw", LOGGING)
    findings = analyze(tmp_path, select=("HYG001", "LEG001", "FIL005"))
    assert [(f.code, f.args.get("rule"), f.args.get("error")) for f in findings if f.code == "FIL005"] == [
        ("FIL005", "HYG001", "RuntimeError: boom")
    ]
    assert [f.code for f in findings].count("LEG001") == 2


def test_an_engine_failure_on_one_file_becomes_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from protheus_ci.analyzers import analysis

    real = analysis.analyze_source

    def fragile(source: SourceText, path: str, *args: object) -> object:
        if path == "bad.prw":
            raise UnicodeDecodeError("utf-8", b"\xe7", 0, 1, "invalid continuation byte")
        return real(source, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(analysis, "analyze_source", fragile)
    write(tmp_path, "bad.prw", LOGGING)
    write(tmp_path, "good.prw", LOGGING)
    findings = analyze(tmp_path, select=("LEG001", "FIL005"))
    assert [(f.code, f.path) for f in findings] == [
        ("FIL005", "bad.prw"),
        ("LEG001", "good.prw"),
        ("LEG001", "good.prw"),
    ]


def test_untouched_files_are_not_even_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "p"
    for name in ("a.prw", "b.prw"):
        os.utime(write(project, name, LOGGING), (1_700_000_000, 1_700_000_000))  # long before the run
    cache = tmp_path / "cache"
    run_analysis([project], AnalyzerConfig(), root=project, cache_dir=cache)
    reads: list[str] = []
    real_read = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self.name)
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    warm = run_analysis([project], AnalyzerConfig(), root=project, cache_dir=cache)
    assert (warm.cached, reads) == (2, [])
    write(project, "b.prw", LOGGING.replace(b"'b'", b"'c'"))  # same size, new content, new mtime
    changed = run_analysis([project], AnalyzerConfig(), root=project, cache_dir=cache)
    assert (changed.analyzed, sorted(set(reads))) == (1, ["b.prw"])
