"""The documents as Markdown: readable as plain text, tidy when a viewer renders it.

Markdown has no pages, so a draft says DRAFT at the top and in every section heading: any
part of it printed or pasted on its own still carries the mark.
"""

from __future__ import annotations

import re

from cpchair.documents.blocks import Bullets, Chart, Fields, Layout, Para, Section, Sub, Table

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+]\s|\d+[.)]\s)", re.MULTILINE)


def escape(text: str) -> str:
    """Free text as literal Markdown: no stray emphasis, links, HTML or headings."""
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return "  \n".join(line.strip() for line in text.splitlines())


def _cell(text: str) -> str:
    return escape(" ".join(text.split())) or " "


def _block(block: object) -> str:
    if isinstance(block, Para):
        lead = f"**{escape(block.lead)}** " if block.lead else ""
        text = f"{lead}{escape(block.text)}"
        return f"*{text}*" if block.note and not block.lead else text
    if isinstance(block, Fields):
        return "\n".join(f"- **{escape(k)}:** {escape(v)}" for k, v in block.rows)
    if isinstance(block, Table):
        lines = [
            "| " + " | ".join(_cell(h) for h in block.headers) + " |",
            "|" + "|".join(" --- " for _ in block.headers) + "|",
        ]
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
        return "\n".join(lines)
    if isinstance(block, Bullets):
        marks = [f"{i}." if block.numbered else "-" for i in range(1, len(block.items) + 1)]
        return "\n".join(
            f"{mark} {escape(item)}" for mark, item in zip(marks, block.items, strict=True)
        )
    if isinstance(block, Sub):
        return f"### {escape(block.title)}"
    if isinstance(block, Chart):  # no pictures in Markdown: the numbers, which are the record
        parts = [f"**{escape(block.title)}**", _block(block.table)]
        return "\n\n".join(parts + [f"*{escape(n)}*" for n in block.notes])
    raise TypeError(f"unknown block {type(block).__name__}")


def _section(section: Section, draft: bool) -> str:
    mark = " (DRAFT)" if draft else ""
    parts = [f"## {escape(section.title)}{mark}"]
    parts += [_block(b) for b in section.blocks]
    return "\n\n".join(parts)


def to_markdown(doc: Layout) -> str:
    draft = doc.draft is not None
    title = ("DRAFT: " if draft else "") + doc.title
    parts = [f"# {escape(title)}", escape(doc.subtitle)]
    if doc.draft:
        parts.append(f"> **{escape(doc.draft)}**")
    if doc.family:
        parts.append(f"> {escape(doc.family)}")
    parts.append(_block(doc.details))
    parts += [_section(s, draft) for s in doc.sections]
    parts += ["---", f"*{escape(doc.closing)}*"]
    return "\n\n".join(parts) + "\n"
