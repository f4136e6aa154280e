"""The preprocessor against the real TOTVS include folder, when one is available.

The TOTVS headers may not be copied into this project, so this module runs only where
``PROTHEUS_CI_TOTVS_INCLUDES`` names an exported standard include folder (for example
the support material in docs/corpus.md). Our own headers in test_preprocessor.py cover
the same rules everywhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from protheus_ci.compiler_bridge.preprocessor import Preprocessor

INCLUDES = os.environ.get("PROTHEUS_CI_TOTVS_INCLUDES", "")
pytestmark = pytest.mark.skipif(
    not INCLUDES, reason="TOTVS headers are not redistributable: set PROTHEUS_CI_TOTVS_INCLUDES"
)

SOURCE = """\
#include "protheus.ch"
#include "sigawin.ch"
#include "topconn.ch"

User Function Tela(cPar, nVal)
   Local oDlg
   DEFAULT cPar := "abc", nVal := 10
   DEFINE MSDIALOG oDlg TITLE "Teste" FROM 0,0 TO 200,400 PIXEL
   @ 10, 10 SAY "Ola" SIZE 50, 10 OF oDlg PIXEL
   ACTIVATE MSDIALOG oDlg CENTERED
   BeginSql alias "QRY"
     SELECT A1_COD FROM %table:SA1% SA1 WHERE %notDel%
   EndSql
Return .T.
"""


def test_standard_commands_expand_as_the_headers_say(tmp_path: Path) -> None:
    (tmp_path / "tela.prw").write_bytes(SOURCE.replace("\n", "\r\n").encode("cp1252"))
    result = Preprocessor(tmp_path, [Path(INCLUDES)]).preprocess(Path("tela.prw"))
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
    lines = [line.text for line in result.lines if line.file == "tela.prw" and line.text]
    assert lines[0] == "Function U_Tela(cPar, nVal)"
    assert lines[2].startswith('cPar := If( cPar == nil, "abc", cPar ) ; nVal := If( nVal == nil, 10')
    assert lines[3].startswith('oDlg = MsDialog():New( 0, 0, 200, 400, "Teste"')
    assert lines[4].startswith('TSay():New( 10, 10, {|| "Ola" }, oDlg')
    assert lines[5].startswith("oDlg:Activate(")
    assert lines[6:9] == [
        'BeginSql alias "QRY"',
        "SELECT A1_COD FROM %table:SA1% SA1 WHERE %notDel%",
        "EndSql",
    ]
    # protheus.ch, totvs.ch and friends are #zip-compressed: they were read, not refused.
    assert any(Path(p).name.lower() == "protheus.ch" for p in result.includes)
