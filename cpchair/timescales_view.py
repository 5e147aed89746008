"""How `cpchair timescales` shows its answer: JSON for scripts, a table for people.

The JSON is the contract in spec/case-format.md ("Timescales on the command line"): one object,
contract key -> `YYYY-MM-DD`, only the keys that apply. The table for people also shows the
profile's standing rules that have no contract key (later core groups, the outline plan and
the record to the parents), under the dates.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from cpchair.rules.calendar import day_text
from cpchair.rules.timescales import Due, Standing
from cpchair.vocab import KIND_PHRASES

if TYPE_CHECKING:
    from rich.table import Table

    from cpchair.rules.profiles import Profile


def format_date(d: date) -> str:
    """A date as a chair writes it: "Thu 10 Dec 2026"."""
    return day_text(d)


def as_json(results: Sequence[Due]) -> str:
    return json.dumps({due.key: due.date.isoformat() for due in results}, indent=2)


def profiles_json(profiles: Sequence[Profile], unusable: Mapping[str, str] | None = None) -> str:
    """`cpchair profiles --json`: one object, its shape fixed (README, "profiles --json"):
    `{"profiles": [...]}`, each with its name, title, region (of the bank holidays), the
    profile it extends (or null), the procedures it follows (Working Together first), and its
    rules: rule name -> {"period": "15 working days", "source": profile, "basis": quote}, only
    the rules the profile has. `unusable`: profiles that cannot be loaded (a council's own
    file with a mistake in it), listed as `{"name", "error"}` after the others."""
    from cpchair.rules.profiles import RULE_KEYS

    out = []
    for p in profiles:
        rules = {}
        for key in RULE_KEYS:
            rule = getattr(p, key)
            if rule is not None:
                rules[key] = {
                    "period": str(rule.period),
                    "source": rule.source,
                    "basis": rule.basis,
                }
        out.append(
            {
                "name": p.name,
                "title": p.title,
                "region": p.region,
                "extends": p.extends,
                "procedures": ["Working Together", *p.procedures],
                "rules": rules,
            }
        )
    out += [{"name": name, "error": why} for name, why in (unusable or {}).items()]
    return json.dumps({"profiles": out}, ensure_ascii=False, indent=2)


def as_table(
    results: Sequence[Due],
    *,
    kind: str | None = None,
    profile: Profile | None = None,
    title: str | None = None,
    show_basis: bool = False,
    standing: Sequence[Standing] = (),
) -> Table:
    """One row per date: what is due, when, and the rule behind it (and its basis if asked);
    then a row for each standing rule, its date or how often.

    Without a `title`, one is made from `kind` and `profile` when they are given.
    """
    from rich.table import Table  # rich is only needed when a table is actually shown

    if title is None and (kind or profile):
        what = KIND_PHRASES.get(kind, "conference") if kind else "conference"
        title = (
            f"Timescales for a {what}" if what[0] not in "aeiou" else f"Timescales for an {what}"
        )
        if profile is not None:
            title += f": {profile.title} ({profile.name})"
    caption = None
    if profile is not None:  # so nobody wonders which bank holidays were skipped
        caption = f"Working days skip weekends and bank holidays ({profile.region})."
    table = Table(title=title, caption=caption, title_justify="left", caption_justify="left")
    table.add_column("Due", style="bold", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Rule")
    if show_basis:
        table.add_column("Basis", style="dim")
    for due in results:
        row = [due.label, format_date(due.date), due.rule]
        if show_basis:
            row.append(due.basis)
        table.add_row(*row)
    if standing and table.rows:  # a line between the contract's dates and the standing rules
        table.rows[-1].end_section = True
    for rule in standing:
        row = [rule.label, format_date(rule.date) if rule.date else rule.when, rule.rule]
        if show_basis:
            row.append(rule.basis)
        table.add_row(*row)
    return table
