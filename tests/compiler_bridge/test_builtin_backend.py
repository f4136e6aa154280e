"""The builtin backend: compile diagnostics, compiled units and incremental compilation."""

from __future__ import annotations

from pathlib import Path

import pytest

from protheus_ci.compiler_bridge.backends import get_backend
from protheus_ci.compiler_bridge.builtin.backend import BuiltinBackend
from protheus_ci.compiler_bridge.builtin.cache import CompileCache
from protheus_ci.compiler_bridge.types import CompilerBridgeError, CompileRequest


def _repo(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "repo"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("cp1252"))
    return root


def _compile(root: Path, **kwargs: object) -> list[str]:
    sources = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.*") if p.suffix != ".ch")
    result = BuiltinBackend().compile(CompileRequest(root, sources, **kwargs))  # type: ignore[arg-type]
    return [d.render() for d in result.diagnostics]


def test_clean_sources_compile_to_ppo_units(tmp_path: Path) -> None:
    root = _repo(
        tmp_path,
        {"inc/my.ch": "#define GREETING 'Olá'\n", "fat001.prw": '#include "inc/my.ch"\nReturn GREETING\n'},
    )
    result = BuiltinBackend().compile(CompileRequest(root, ["fat001.prw"]))
    assert result.ok
    [unit] = result.units
    assert unit.name == "fat001.prw.ppo"
    assert "Return 'Olá'".encode("cp1252") in unit.content


def test_missing_include_is_c2090(tmp_path: Path) -> None:
    root = _repo(tmp_path, {"a.prw": '#include "protheus.ch"\nUser Function A()\nReturn\n'})
    assert _compile(root) == ["A.PRW(1) C2090 File not found PROTHEUS.CH"]


def test_annotation_and_namespace_in_an_advpl_source(tmp_path: Path) -> None:
    source = 'namespace custom.fat\n@Get("/x")\nUser Function A()\nReturn\n'
    root = _repo(tmp_path, {"a.prw": source, "b.tlpp": source.replace("A()", "B()")})
    assert _compile(root) == [
        "A.PRW(1) PCI012 'namespace custom.fat' needs a .tlpp source",
        "A.PRW(2) C9907 Invalid use of Annotation in ADVPL source file",
    ]


def test_function_defined_twice_in_the_repository(tmp_path: Path) -> None:
    root = _repo(
        tmp_path,
        {
            "a.prw": "User Function Calc()\nReturn\nStatic Function Aux()\nReturn\n",
            "b.prw": "User Function CALC()\nReturn\nStatic Function Aux()\nReturn\n",
        },
    )
    assert _compile(root) == ["B.PRW(1) PCI010 Function U_CALC already defined in a.prw(1)"]


def test_names_colliding_after_ten_characters(tmp_path: Path) -> None:
    root = _repo(
        tmp_path,
        {
            "a.prw": "User Function FATURAMENTO1()\nReturn\n",
            "b.prw": "User Function FATURAMENTO2()\nReturn\n",
            "c.tlpp": "User Function FATURAMENTO3()\nReturn\n",
        },
    )
    assert _compile(root) == [
        "B.PRW(1) PCI011 U_FATURAMENTO2 and U_FATURAMENTO1 (a.prw) are both U_FATURAME after truncation"
    ]


def test_function_already_published_by_another_source(tmp_path: Path) -> None:
    root = _repo(tmp_path, {"novo.prw": "User Function MT100OK()\nReturn\n"})
    published = {"U_MT100OK": "antigo.prw", "U_OTHER": "x.prw"}
    assert _compile(root, published_functions=published) == [
        "NOVO.PRW(1) PCI013 Function U_MT100OK is already in the environment, compiled from antigo.prw"
    ]
    assert _compile(root, published_functions={"U_MT100OK": "novo.prw"}) == []


def test_only_changed_sources_and_dependents_of_a_changed_header_recompile(tmp_path: Path) -> None:
    root = _repo(
        tmp_path,
        {
            "inc/a.ch": "#define A 1\n",
            "uses_a.prw": '#include "inc/a.ch"\nx := A\n',
            "plain1.prw": "y := 1\n",
            "plain2.prw": "z := 2\n",
        },
    )
    request = CompileRequest(root, ["plain1.prw", "plain2.prw", "uses_a.prw"])
    backend = BuiltinBackend()
    backend.compile(request)
    assert backend.compiled_last == 3
    backend.compile(request)
    assert backend.compiled_last == 0
    (root / "plain2.prw").write_bytes(b"z := 3\n")
    backend.compile(request)
    assert backend.compiled_last == 1
    (root / "inc/a.ch").write_bytes(b"#define A 22\n")
    result = backend.compile(request)
    assert backend.compiled_last == 1
    ppo = next(u for u in result.units if u.source == "uses_a.prw")
    assert b"x := 22" in ppo.content


def test_cache_on_disk_serves_a_new_process(tmp_path: Path) -> None:
    root = _repo(tmp_path, {"a.prw": "User Function A()\nReturn\n", "b.prw": "@Get('/x')\n"})
    request = CompileRequest(root, ["a.prw", "b.prw"])
    first = BuiltinBackend(CompileCache(tmp_path / "cache")).compile(request)
    fresh = BuiltinBackend(CompileCache(tmp_path / "cache"))
    second = fresh.compile(request)
    assert fresh.compiled_last == 0
    assert second.diagnostics == first.diagnostics
    assert second.units == first.units
    assert second.symbols == first.symbols


def test_backend_registry() -> None:
    assert get_backend("builtin").name == "builtin"
    assert get_backend("tdscli").name == "tdscli"
    with pytest.raises(CompilerBridgeError, match="unknown compiler backend"):
        get_backend("javac")


def test_syntax_errors_come_from_the_grammar_as_c2001(tmp_path: Path) -> None:
    root = _repo(
        tmp_path, {"a.prw": "User Function A(\r\nReturn\r\n", "b.prw": "User Function B()\r\nReturn\r\n"}
    )
    [error] = _compile(root)
    assert error.startswith("A.PRW(1) C2001 Syntax error")
