"""`protheus-ci rules` lists the rule catalog; `protheus-ci rule CODE` shows one
rule's documentation, as `ruff rule` does."""

from __future__ import annotations

import json

import click

from protheus_ci.analyzers.catalog import load_catalog
from protheus_ci.analyzers.reports.i18n import severity_name, t
from protheus_ci.analyzers.rules.meta import LANGUAGES, RuleMeta

lang_option = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    envvar="PROTHEUS_CI_LANG",
    help="Language of messages and reports (also PROTHEUS_CI_LANG).",
)

_COLUMNS = ("code", "name", "category", "severity", "default", "totvs", "title")


def _row(meta: RuleMeta, lang: str) -> dict[str, str]:
    return {
        "code": meta.code,
        "name": meta.name,
        "category": meta.category,
        "severity": meta.severity.value,
        "default": "on" if meta.enabled else "off",
        "totvs": meta.totvs,
        "title": meta.text(lang).title,
    }


def _switch(meta: RuleMeta, lang: str) -> str:
    return t(lang, "rule.on" if meta.enabled else "rule.off")


def _table(metas: list[RuleMeta], lang: str) -> list[str]:
    rows = [{**_row(m, lang), "severity": severity_name(lang, m.severity), "default": _switch(m, lang)} for m in metas]
    header = {column: t(lang, f"rule.{column}") for column in _COLUMNS}
    widths = {c: max(len(r[c]) for r in [header, *rows]) for c in _COLUMNS}
    return ["  ".join(row[c].ljust(widths[c]) for c in _COLUMNS).rstrip() for row in [header, *rows]]


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def rules_command(output_format: str, lang: str) -> None:
    """List every rule: code, name, category, severity, on or off by default, TOTVS id and title."""
    catalog = load_catalog()
    metas = [catalog.meta[code] for code in sorted(catalog.meta)]
    if output_format == "json":
        click.echo(json.dumps([_row(m, lang) for m in metas], indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(_table(metas, lang)))


@click.command("rule")
@click.argument("code")
@lang_option
def rule_command(code: str, lang: str) -> None:
    """Show one rule's documentation: what it does, why, an example and what to write instead."""
    meta = load_catalog().meta.get(code.upper())
    if meta is None:
        raise click.BadParameter(f"unknown rule code {code!r} (see `protheus-ci rules`)", param_hint="CODE")
    texts = meta.text(lang)
    facts = [meta.category, severity_name(lang, meta.severity), _switch(meta, lang)]
    if meta.totvs:
        facts.append(f"TOTVS {meta.totvs}")
    sections = [
        f"{meta.code} {meta.name}: {texts.title}\n({', '.join(facts)})",
        f"## {t(lang, 'rule.what')}\n{texts.what}",
        f"## {t(lang, 'rule.why')}\n{texts.why}",
        f"## {t(lang, 'rule.example')}\n{meta.bad_example.strip()}",
        f"## {t(lang, 'rule.instead')}\n{texts.instead}\n\n{meta.good_example.strip()}",
    ]
    click.echo("\n\n".join(sections))
