"""The standalone HTML report: complete, self-contained and escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from protheus_ci.analyzers.reports import html_report
from reports.conftest import Analysed, analyse


class Elements(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Elements:
    elements = Elements()
    elements.feed(page)
    return elements


def test_hostile_source_is_escaped(analysed: Analysed) -> None:
    page = html_report.render(analysed.result, analysed.catalog, analysed.gate, "en")
    elements = parse(page)
    names = {tag for tag, _ in elements.tags}
    assert not names & {"script", "img", "b", "link", "iframe"}
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    text = "".join(elements.text)
    assert "<script>alert('x')</script>" in text and '"</pre><b>&amp;")' in text


def test_self_contained(analysed: Analysed) -> None:
    elements = parse(html_report.render(analysed.result, analysed.catalog, analysed.gate, "en"))
    for _, attrs in elements.tags:
        assert "src" not in attrs
        assert not (attrs.get("href") or "#").startswith(("http", "//"))
    csp = [a for tag, a in elements.tags if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_summary_verdict_context_and_rule_help(analysed: Analysed) -> None:
    page = html_report.render(analysed.result, analysed.catalog, analysed.gate, "en")
    text = " ".join("".join(parse(page).text).split())
    assert "Quality gate: failed — critical: 1 (at most 0)." in text
    assert "By rule" in text and "RecLock without MsUnlock" in text
    # Two lines of context around line 5, the hit among them.
    assert '3 ConOut(cHtml + "</pre><b>&amp;") 4 // <!-- comment --> 5 RecLock("ZZ1", .T.)' in text
    assert "6 ZZ1->ZZ1_VALOR := 1 7Return" in text
    assert "Why is this a problem?" in text and "Pair every RecLock with MsUnlock()" in text
    assert "<code>MsUnlock()</code>" in page


def test_brazilian_portuguese_and_new_code(analysed: Analysed) -> None:
    again = analyse(analysed.result.root, baseline=frozenset(f.fingerprint for f in analysed.result.findings))
    page = html_report.render(again.result, again.catalog, again.gate, "pt-BR")
    text = " ".join("".join(parse(page).text).split())
    assert '<html lang="pt-BR">' in page
    assert "Relatório de qualidade de código do protheus-ci" in text
    assert "Quality gate: aprovado." in text and "Só as ocorrências novas contam" in text
    assert "Por que é um problema?" in text and "RecLock sem MsUnlock" in text
    assert "existente" in text


def test_no_source_shown_for_a_binary_file(analysed: Analysed) -> None:
    (analysed.result.root / "src" / "logo.prw").write_bytes(b"\x89PNG\r\n\x00\x00<script>")
    again = analyse(analysed.result.root)
    assert [f.code for f in again.result.findings if f.path == "src/logo.prw"] == ["FIL001"]
    page = html_report.render(again.result, again.catalog, again.gate, "en")
    assert "Source not available." in page and "PNG" not in page


def test_no_findings(analysed: Analysed) -> None:
    (analysed.result.root / "src" / "xyzr01.prw").write_text("User Function XYZR01()\nReturn\n")
    clean = analyse(analysed.result.root)
    text = "".join(parse(html_report.render(clean.result, clean.catalog, clean.gate, "en")).text)
    assert "No findings. Nice work!" in text and "Quality gate: passed." in text
