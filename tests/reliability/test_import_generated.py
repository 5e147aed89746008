"""Whatever file is handed to `cpchair import`, it is taken whole or refused whole: never a
crash, never a traceback, each refusal naming the path of what is wrong without quoting the
case's words, and a refused file changes nothing in the database.

Hypothesis starts from the demo case as a cpchair-case/1 file and spoils it: a value at a
random path becomes another (a wrong type, a huge or negative number, text holding a terminal
escape or markup, text over the length limit, a date outside 1900-2100 or not a date), a key
goes, an unknown key comes, an item of a keyed list is listed twice, a value is nested deep;
or the file itself is broken (cut short, not UTF-8, random bytes, not an object, a name given
twice in one object, a number of thousands of digits). Gentler variants only change the case's
words (markup, quotes, right-to-left marks, the longest text allowed), dates within the years,
flags and vocabulary words, so that many files are taken too.

Each variant goes to the reader (`parse_case`) in-process and to the real `cpchair import`
(typer's CliRunner) against a copy of a database holding the demo case.
- Refused: every problem is printable and short, at a path the file has (or a key missing from
  an object it has), at or inside the changed path when one change had to be refused, and never
  quotes case text; the command prints exactly those problems, exits 1, and the database file
  is byte for byte as it was.
- Taken: the export is the file as read (a family member's attendee named as the person is),
  and goes round import and export again unchanged.
A few hundred variants run in every suite; `pytest -m long` runs many more.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cpchair.caseio import CaseDoc, CaseFileError, dump_case, parse_case, schema
from cpchair.caseio.limits import MAX_TEXT
from cpchair.caseio.problems import Problem, json_path
from cpchair.cli import app
from cpchair.db import engine_for
from cpchair.demo import demo_case
from cpchair.rules.profiles import profile_names
from cpchair.store import open_store

from .helpers import row_counts

# In every run: fixed examples (derandomized), not shrunk; `-m long` draws many more.
_BOTH = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture,
         HealthCheck.too_slow, HealthCheck.data_too_large]}  # fmt: skip
QUICK_READER = settings(max_examples=250, derandomize=True, database=None,
                        phases=[Phase.explicit, Phase.generate], **_BOTH)  # fmt: skip
QUICK_CLI = settings(max_examples=80, derandomize=True, database=None,
                     phases=[Phase.explicit, Phase.generate], **_BOTH)  # fmt: skip
LONG_READER = settings(max_examples=3000, **_BOTH)
LONG_CLI = settings(max_examples=400, **_BOTH)

PROFILES = profile_names()
BASE_TEXT = dump_case(demo_case(dt.date(2026, 3, 2)))
BASE: dict[str, Any] = json.loads(BASE_TEXT)

Path_ = tuple[str | int, ...]

# Text put into the file as case text carries this mark: a refusal must never quote it.
SECRET = "Zq\u00e9secret"
# Fields whose values are keys: a refusal quotes a key (`'c9' is not a child of this case`).
KEY_FIELDS = {"key", "attendee", "child", "whose", "person", "source", "danger_statement"}
KEY_LISTS = {"children", "direct_contact", "core_group"}  # lists of keys (a string item)


# --- walking JSON -------------------------------------------------------------------------


def nodes(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from nodes(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from nodes(item, (*path, i))


def get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def related(a: str, b: str) -> bool:
    """One path is the other or lies inside it."""
    if a == b or "(the file)" in (a, b):
        return True
    inner, outer = (a, b) if len(a) > len(b) else (b, a)
    return inner.startswith((outer + ".", outer + "["))


MODELS = [m for m in vars(schema).values() if isinstance(m, type) and issubclass(m, schema.Doc)]
FIELD_NAMES = {name for m in MODELS for name in m.model_fields} | {"ongoing"}


def _free_text_names() -> set[str]:
    """Fields holding the case's own words (names, notes), where any text is allowed."""
    names = {"outcomes", "recommendations"}  # lists of text
    for model in MODELS:
        names |= {n for n, f in model.model_fields.items() if f.annotation in (str, str | None)}
    return names - KEY_FIELDS - {"format", "reference", "profile"}


FREE_TEXT = _free_text_names()
VOCAB = sorted({v for _, v in nodes(BASE) if isinstance(v, str) and len(v) <= 40})


# --- hostile values -----------------------------------------------------------------------

NASTY = [
    "\x1b[2J\x1b[H",
    "\x1b]0;owned\x07",
    "\x9b31m",
    "\x00",
    "\x07",
    "\r",
    "\x7f",
    "[/]",
    "[bold red]",
    "[bold red]Hadley[/bold red]",
    "[link=file:///etc/passwd]x[/link]",
    "[@click=app.quit]x[/]",
    "\\n\\u0000",
    "%s%n{0}",
    "'; DROP TABLE cases; --",
    "\u202e",
    "\ufeff",
    "\ud800",
    "\u2028",
    "..",
    "../../etc/passwd",
    " ",
    "",
]

texts = st.one_of(
    st.text(max_size=12),
    st.text(st.characters(codec=None), max_size=12),  # lone surrogates too
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY) | st.text(max_size=4), max_size=4).map("".join),
    st.sampled_from(VOCAB),
    st.sampled_from([MAX_TEXT + 1, 65, 64]).map(lambda n: "x" * n),
    st.dates().map(dt.date.isoformat),  # years 1 to 9999
    st.sampled_from(["1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "0000-01-01"]),
    st.from_regex(r"\d{1,5}-\d{1,2}-\d{1,3}(T\d{1,2}:\d{1,3})?", fullmatch=True),
    st.from_regex(r"\d{1,3}:\d{1,3}", fullmatch=True),
    st.sampled_from(
        ["2026-02-30", "2026-03-02T24:00", "24:00", "23:59", "\u0662\u0660\u0662\u0666-01-01"]
    ),
)
secret_texts = st.tuples(texts, texts).map(lambda ab: ab[0] + SECRET + ab[1])
# Odd but allowed case text: markup, quotes, right-to-left marks, new lines, the longest text.
case_texts = st.one_of(
    st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20),
    st.sampled_from([t for t in NASTY if t and not re.search(r"[\x00-\x1f\x7f-\x9f\ud800]", t)]),
    st.sampled_from(["line one\nline two", "a\ttab", "x" * MAX_TEXT]),
    st.tuples(st.sampled_from(VOCAB), st.sampled_from(["[/]", "[b]", "\u202e", " "])).map("".join),
).map(lambda t: t + SECRET if len(t) < MAX_TEXT else t)
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.sampled_from([0, -1, 10, 11, 2**63, -(2**63) - 1, 10**30]),
    st.floats(),  # NaN and Infinity too, written as JSON's extensions
)
scalars = st.one_of(st.none(), st.booleans(), numbers, texts, secret_texts)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)
unknown_names = st.one_of(
    st.text(max_size=10),
    st.sampled_from(NASTY),
    st.builds(lambda: "n" * 200),
    st.sampled_from(VOCAB),
).filter(lambda name: name not in FIELD_NAMES)


# --- variants -----------------------------------------------------------------------------


@dataclass
class Change:
    kind: str
    path: Path_
    named: bool  # a refusal must name this path (or a path inside it)
    value: str = ""  # what was put there, shortened, for the report of a failure


@dataclass
class Variant:
    raw: bytes
    data: Any = None  # the JSON as the file holds it; None when it is not JSON as a whole
    changes: list[Change] = field(default_factory=list)
    secret_at_key: bool = False  # SECRET was put where a key goes (a key may be quoted)

    def __repr__(self) -> str:  # the changes, not the whole case
        return f"Variant({self.changes!r}, {len(self.raw)} bytes: {self.raw[:60]!r}...)"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # Hypothesis's printer
        printer.text(repr(self))


def _kind(value: Any) -> str:
    return "int" if type(value) is int else type(value).__name__


_NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # control, half a pair


def _breaks_limits(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > MAX_TEXT or _NOT_TEXT.search(value) is not None)


def _keyish(path: Path_) -> bool:
    return bool(path) and (
        path[-1] in KEY_FIELDS
        or path[-1] == "profile"
        or (len(path) > 1 and isinstance(path[-1], int) and path[-2] in KEY_LISTS)
    )


DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?")
case_dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)) | st.sampled_from(
    [dt.date(1900, 1, 1), dt.date(2100, 12, 31), dt.date(2024, 2, 29)]
)


def _literals(annotation: Any) -> set[str]:
    from typing import Literal, get_args, get_origin

    if get_origin(annotation) is Literal:
        return {a for a in get_args(annotation) if isinstance(a, str)}
    return set().union(*(_literals(a) for a in get_args(annotation)))


def _words() -> dict[str, list[str]]:
    """Each vocabulary field (kind, status, agency...) and the words it takes."""
    words: dict[str, set[str]] = {}
    for model in MODELS:
        for name, info in model.model_fields.items():
            if found := _literals(info.annotation):
                words.setdefault(name, set()).update(found)
    return {name: sorted(found) for name, found in words.items()}


WORDS = _words()


def _worded(path: Path_, value: Any) -> bool:
    return isinstance(value, str) and isinstance(path[-1], str) and path[-1] in WORDS


def _free_text(path: Path_) -> bool:
    last = path[-1] if isinstance(path[-1], str) or len(path) < 2 else path[-2]
    return last in FREE_TEXT


@st.composite
def spoiled(draw: st.DrawFn, gentle: bool = False) -> Variant:
    """The demo file with one to three things changed, each recorded with its path. Gentle:
    only its words changed, or keys left out, so that many are taken."""
    data = copy.deepcopy(BASE)
    variant = Variant(raw=b"")
    raw_swaps: dict[str, str] = {}  # placeholder -> JSON text put in after dumping
    kinds = ["retext", "retext", "redate", "flip", "delete"]
    if not gentle:
        kinds = ["replace", "replace", "retext", "delete", "unknown", "twice", "nest"]
    for n in range(draw(st.integers(1, 3))):
        everything = [p for p, _ in nodes(data) if p]
        kind = draw(st.sampled_from(kinds))
        if kind == "retext":
            free = [p for p, v in nodes(data) if p and isinstance(v, str) and _free_text(p)]
            path = draw(st.sampled_from(free))
            get(data, path[:-1])[path[-1]] = new = draw(case_texts)
            variant.changes.append(Change(kind, path, False, repr(new)[:80]))
        elif kind == "redate":  # another date in the years a case may hold
            dated = [p for p, v in nodes(data) if isinstance(v, str) and DATE.fullmatch(v)]
            path = draw(st.sampled_from(dated))
            old = get(data, path)
            new = draw(case_dates).isoformat() + old[10:]  # a datetime keeps its time
            get(data, path[:-1])[path[-1]] = new
            variant.changes.append(Change(kind, path, False, new))
        elif kind == "flip":  # true for false, or another word of the same vocabulary
            flags = [p for p, v in nodes(data) if isinstance(v, bool) or _worded(p, v)]
            path = draw(st.sampled_from(flags))
            old = get(data, path)
            new = not old if isinstance(old, bool) else draw(st.sampled_from(WORDS[path[-1]]))
            get(data, path[:-1])[path[-1]] = new
            variant.changes.append(Change(kind, path, False, repr(new)))
        elif kind == "replace":
            path = draw(st.sampled_from(everything))
            old, new = get(data, path), draw(json_values)
            get(data, path[:-1])[path[-1]] = new
            type_broken = old is not None and new is not None and _kind(old) != _kind(new)
            named = type_broken or _breaks_limits(new)
            variant.changes.append(Change(kind, path, named, repr(new)[:80]))
            if SECRET in repr(new) and (_keyish(path) or isinstance(new, dict | list)):
                variant.secret_at_key = True  # where a key goes (in an object, perhaps)
        elif kind == "delete":
            path = draw(st.sampled_from([p for p in everything if isinstance(p[-1], str)]))
            del get(data, path[:-1])[path[-1]]
            variant.changes.append(Change(kind, path, named=False))
        elif kind == "unknown":
            objects = [p for p, v in nodes(data) if isinstance(v, dict)]
            where = draw(st.sampled_from(objects))
            name = draw(unknown_names.filter(lambda k, w=where: k not in get(data, w)))
            get(data, where)[name] = value = draw(json_values)
            variant.changes.append(Change(kind, (*where, name), True, repr(value)[:80]))
        elif kind == "twice":
            keyed = [
                p
                for p, v in nodes(data)
                if isinstance(v, list) and v and all(isinstance(i, dict) and "key" in i for i in v)
            ]
            if not keyed:
                continue
            path = draw(st.sampled_from(keyed))
            items = get(data, path)
            i, at = draw(st.integers(0, len(items) - 1)), draw(st.integers(0, len(items)))
            items.insert(at, copy.deepcopy(items[i]))
            variant.changes.append(Change(kind, path, True, f"{i} at {at}"))
        else:  # nest: a value inside lists or objects, a few to thousands deep
            path = draw(st.sampled_from(everything))
            depth = draw(st.sampled_from([2, 11, 12, 13, 40, 200, 5000, 100_000]))
            if depth > 200:  # deeper than json itself goes: written as text
                mark = f"@@deep{n}@@"
                get(data, path[:-1])[path[-1]] = mark
                raw_swaps[json.dumps(mark)] = "[" * depth + "]" * depth
            else:
                nested: Any = draw(scalars)
                for _ in range(depth):
                    nested = [nested] if draw(st.booleans()) else {"a": nested}
                get(data, path[:-1])[path[-1]] = nested
            variant.changes.append(Change(kind, path, True, f"{depth} deep"))
    text = json.dumps(
        data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2]))
    )
    variant.data = data
    for mark, raw in raw_swaps.items():
        if mark in text:  # not since replaced or deleted
            text = text.replace(mark, raw)
            variant.data = None
    variant.raw = text.encode("utf-8", "surrogatepass")  # a lone surrogate: not UTF-8
    if re.search(r"[\ud800-\udfff]", text):
        variant.data = None
    return variant


@st.composite
def broken(draw: st.DrawFn) -> Variant:
    """A file that is broken as a whole: every refusal is about "(the file)"."""
    good = BASE_TEXT.encode()
    how = draw(st.sampled_from(["cut", "bytes", "not_utf8", "top", "twice", "digits"]))
    if how == "cut":
        raw = good[: draw(st.integers(0, len(good) - 2))]
    elif how == "bytes":
        raw = draw(st.binary(max_size=200))
    elif how == "not_utf8":
        at = draw(st.integers(0, len(good)))
        raw = (
            good[:at]
            + draw(st.sampled_from([b"\xff", b"\xc3(", b"\xed\xa0\x80", b"\x80"]))
            + good[at:]
        )
    elif how == "top":
        top = draw(
            json_values.filter(lambda v: not isinstance(v, dict)) | st.builds(lambda: [BASE])
        )
        raw = json.dumps(top).encode()
    elif how == "twice":  # one name twice in one object
        objects = [p for p, v in nodes(BASE) if isinstance(v, dict) and v]
        data = copy.deepcopy(BASE)
        obj = get(data, draw(st.sampled_from(objects)))
        name = draw(st.sampled_from(sorted(obj)))
        obj["@@twice@@"] = draw(json_values)
        raw = json.dumps(data).replace('"@@twice@@"', json.dumps(name)).encode()
    else:  # a number of thousands of digits
        data = copy.deepcopy(BASE)
        path = draw(st.sampled_from([p for p, _ in nodes(data) if p]))
        get(data, path[:-1])[path[-1]] = "@@digits@@"
        digits = "-" * draw(st.booleans()) + "9" * draw(st.integers(4301, 20_000))
        raw = json.dumps(data).replace('"@@digits@@"', digits).encode()
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw  # a byte order mark: still the same file
    return Variant(raw=raw)


variants = st.one_of(spoiled(gentle=True), spoiled(), spoiled(), broken())
# The command's worth is in what it does with a file it takes: more of those.
command_variants = st.one_of(spoiled(gentle=True), spoiled(gentle=True), spoiled(), broken())


# --- what every answer must be ------------------------------------------------------------


def check_refusal(variant: Variant, problems: list[Problem]) -> None:
    assert problems, "a refusal with no reason"
    for problem in problems:
        line = str(problem)
        assert line.isprintable(), f"not printable: {line!r}"
        line.encode("utf-8")  # no lone surrogate reaches the terminal
        assert len(line) < 600, f"too long: {line[:100]!r}"
        if not variant.secret_at_key:
            assert SECRET not in line, f"quotes case text: {line!r}"
    paths = [p.path for p in problems]
    if variant.data is None:  # broken as a whole
        if not variant.changes:
            assert set(paths) == {"(the file)"}, paths
        return
    known = {json_path(p) for p, _ in nodes(variant.data)}
    for path in paths:  # a path of the file, or a key missing from an object of it
        missing_from = path.rpartition(".")[0] or "(the file)"
        assert path in known or missing_from in known, f"no such path: {path!r}"
    if len(variant.changes) == 1 and variant.changes[0].named:
        changed = json_path(variant.changes[0].path)
        assert any(related(p, changed) for p in paths), (changed, paths)


def read(variant: Variant) -> CaseDoc | list[Problem]:
    try:
        return parse_case(variant.raw, known_profiles=PROFILES)
    except CaseFileError as exc:
        return exc.problems


def check_reader(variant: Variant) -> None:
    outcome = read(variant)
    event("accepted" if isinstance(outcome, CaseDoc) else "refused")
    if isinstance(outcome, CaseDoc):
        assert variant.data is not None
        written = dump_case(outcome)
        assert dump_case(parse_case(written, known_profiles=PROFILES)) == written
    else:
        check_refusal(variant, outcome)


@given(variants)
@QUICK_READER
def test_the_reader_takes_or_refuses_every_file(variant: Variant) -> None:
    check_reader(variant)


@pytest.mark.long
@given(variants)
@LONG_READER
def test_the_reader_takes_or_refuses_many_more_files(variant: Variant) -> None:
    check_reader(variant)


# --- the command --------------------------------------------------------------------------


@dataclass
class Bench:
    """A database holding the demo case, copied afresh for each variant."""

    template: Path
    folder: Path
    baseline: tuple[dict[str, int], list[str]]
    names: Iterator[int] = field(default_factory=itertools.count)

    def fresh(self) -> Path:
        path = self.folder / f"cases-{next(self.names)}.db"
        shutil.copyfile(self.template, path)
        return path


def held(db: Path) -> tuple[dict[str, int], list[str]]:
    """Rows per table and every case held, as files."""
    store = open_store(db)
    cases = [store.load_case(s.reference) for s in store.list_cases()]
    return row_counts(store.engine), sorted(dump_case(c) for c in cases if c is not None)


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bench]:
    folder = tmp_path_factory.mktemp("import-generated")
    template = folder / "template.db"
    store = open_store(template)
    store.import_case(demo_case(dt.date(2026, 3, 2)))
    store.engine.dispose()  # the last connection closed: the file is whole on its own
    first = folder / "baseline.db"
    shutil.copyfile(template, first)
    yield Bench(template, folder, held(first))
    engine_for(first.resolve()).dispose()


def cli(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    return result


def check_command(bench: Bench, variant: Variant, replace: bool) -> None:
    db = bench.fresh()
    file = db.with_suffix(".json")
    file.write_bytes(variant.raw)
    result = cli(db, "import", *(["--replace"] if replace else []), str(file))
    outcome = read(variant)
    event("accepted" if isinstance(outcome, CaseDoc) else "refused")
    if isinstance(outcome, list):  # refused: said as the reader said it, nothing changed
        check_refusal(variant, outcome)
        count = len(outcome)
        head = f"cpchair: {file} was refused ({count} problem{'s' * (count != 1)}); "
        assert result.exit_code == 1
        assert result.stderr == f"{head}nothing was changed:\n{CaseFileError(outcome).summary()}\n"
        assert result.stdout == ""
        assert db.read_bytes() == bench.template.read_bytes()  # not even opened
        assert not db.with_name(db.name + "-wal").exists()
        return
    try:
        _check_taken(bench, db, outcome, replace, result)
    finally:
        engine_for(db.resolve()).dispose()


def as_held(doc: CaseDoc) -> str:
    """The file as the store gives it back: an attendee linked to a family member is named as
    `people[].name` names them (docs/case-format.md, "One name per family member")."""
    data = json.loads(dump_case(doc))
    names = {p["key"]: p["name"] for p in data["people"]}
    for conference in data["conferences"]:
        for attendee in conference["attendees"]:
            if attendee["person"] is not None:
                attendee["name"] = names[attendee["person"]]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _check_taken(bench: Bench, db: Path, doc: CaseDoc, replace: bool, result: Any) -> None:
    """A file the reader takes: imported whole (or refused whole for its reference), and
    exported as it was read, however many times it goes round."""
    if not replace and doc.reference.casefold() == "demo-0001":
        assert result.exit_code == 1
        assert "already here; nothing was changed" in result.stderr
        assert held(db) == bench.baseline
        return
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    references = {s.reference for s in open_store(db).list_cases()}
    assert references == {doc.reference} | ({"DEMO-0001"} - {doc.reference.upper()})
    exported = cli(db, "export", doc.reference)
    assert exported.exit_code == 0, exported.stderr
    assert exported.stdout == as_held(doc)  # the case as the file gave it
    again = db.with_suffix(".again.json")
    again.write_text(exported.stdout, encoding="utf-8")
    assert cli(db, "import", "--replace", str(again)).exit_code == 0
    assert cli(db, "export", doc.reference).stdout == exported.stdout


@given(command_variants, st.booleans())
@QUICK_CLI
def test_the_import_command_takes_or_refuses_every_file(
    bench: Bench, variant: Variant, replace: bool
) -> None:
    check_command(bench, variant, replace)


@pytest.mark.long
@given(command_variants, st.booleans())
@LONG_CLI
def test_the_import_command_takes_or_refuses_many_more_files(
    bench: Bench, variant: Variant, replace: bool
) -> None:
    check_command(bench, variant, replace)
