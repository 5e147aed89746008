"""Taking a case offline from a team's server to a laptop, and back.

`cpchair checkout REF --from URL` copies the case into the laptop's database and marks it out
on the server, which then refuses every change to it (store/checkout.py): the meeting runs on
the laptop with no network. `cpchair checkin REF` puts the laptop's copy back in the server's
place, releases the mark and removes the copy from the laptop (a case's details travel no
more than they must).

A case changed on the server while it was out (an administrator released it, or another
program wrote) is a conflict: the check-in lists each field the server changed since the
checkout, with what the laptop holds, and changes nothing until the chair chooses whose
copy stands (`--keep mine` or `--keep theirs`).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from cpchair.caseio import dump_case
from cpchair.server import Server
from cpchair.store import Store
from cpchair.store.audit import Line, who
from cpchair.store.checkout import CHECKED_OUT_FROM

Keep = Literal["mine", "theirs"]


class CheckoutError(Exception):
    """Why a checkout or a check-in cannot go ahead; nothing was changed."""


@dataclass(frozen=True)
class Difference:
    """A field the server's copy changed since the checkout."""

    where: str  # the field, as a path into the case's cpchair-case/1 text
    base: Any  # as checked out
    theirs: Any  # on the server now
    mine: Any  # on the laptop now

    @property
    def both(self) -> bool:
        """Changed on the laptop too, and differently."""
        return self.mine != self.base and self.mine != self.theirs


def _fields(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every field of a case's text as (path, value). A list of objects with keys is walked
    by key (`attendees[priya]`), so an entry added on one side does not shift the rest."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _fields(item, f"{path}.{name}" if path else name)
    elif isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
        for i, item in enumerate(value):
            yield from _fields(item, f"{path}[{item.get('key', i)}]")
    else:
        yield path, value


def differences(base: str, theirs: str, mine: str) -> list[Difference]:
    """What the server changed since the checkout, field by field, with the laptop's value."""
    b, t, m = (dict(_fields(json.loads(text))) for text in (base, theirs, mine))
    gone = object()  # a field that one side has and the other has not
    return [
        Difference(where, b.get(where), t.get(where), m.get(where))
        for where in dict.fromkeys([*b, *t])
        if b.get(where, gone) != t.get(where, gone)
    ]


def check_out(server: Store, laptop: Store, reference: str) -> str:
    """Copy the case from `server` into `laptop` and mark it out; the reference as held."""
    if not isinstance(server.where, Server):
        raise CheckoutError("--from takes the team server's URL (postgresql://...).")
    if laptop.on_server:
        raise CheckoutError("a case is checked out into a laptop's database file, not a server.")
    held = server.held_reference(reference)
    if held is None:
        raise CheckoutError(f"there is no case {reference} on the server.")
    if (mine := laptop.held_reference(held)) is not None:
        raise CheckoutError(f"this laptop's database already holds a case {mine}.")
    # Marked out first, then read: no change on the server can come between the copy taken
    # and the mark, to be met again as a conflict at the check-in.
    server.mark_out(held, who(), f"the laptop {socket.gethostname()}")
    try:
        doc = server.load_case(held)
        if doc is None:
            raise CheckoutError(f"there is no case {reference} on the server.")
        # The URL without its password (not masked as `str()` masks it: `checkin` connects
        # with what is kept here, and would try `***` as the password).
        laptop.hold(doc, who(), server.where.without_password(), dump_case(doc))
    except BaseException:
        server.release(held)  # the copy never arrived: the case is not out
        raise
    return doc.reference


@dataclass(frozen=True)
class CheckIn:
    reference: str
    changed_there: list[Difference]  # the server's changes since the checkout
    done: bool  # False: stopped at a conflict, nothing changed


def server_of(laptop: Store, reference: str) -> str:
    """The server a held case came from (its URL, without a password if it had one)."""
    mark = laptop.checkout_mark(reference)
    if mark is None or mark.away:
        raise CheckoutError(f"{reference} was not checked out into this database.")
    return mark.place


def _offline(laptop: Store, reference: str) -> list[Line]:
    """The laptop's audit lines for the changes made since the case was checked out: they
    go back with it, so the server's trail says who changed what while it was away."""
    lines = laptop.audit_lines(reference)
    out = max(
        (i for i, line in enumerate(lines) if line.what.startswith(CHECKED_OUT_FROM)), default=-1
    )
    return lines[out + 1 :]


def check_in(server: Store, laptop: Store, reference: str, keep: Keep | None = None) -> CheckIn:
    """Return the laptop's copy to the server, unless the server's copy changed meanwhile
    and `keep` does not say whose stands."""
    mark = laptop.checkout_mark(reference)
    if mark is None or mark.away or mark.base is None:
        raise CheckoutError(f"{reference} was not checked out into this database.")
    mine_doc = laptop.load_case(reference)
    theirs_doc = server.load_case(reference)
    if mine_doc is None:
        raise CheckoutError(f"{reference} is no longer in this laptop's database.")
    mine = dump_case(mine_doc)
    theirs = dump_case(theirs_doc) if theirs_doc is not None else "{}"
    changed = differences(mark.base, theirs, mine)
    if changed and keep is None:
        return CheckIn(mine_doc.reference, changed, done=False)
    if keep == "theirs" and theirs_doc is None:
        raise CheckoutError(
            f"the server no longer holds {reference}: keeping its copy would leave the case "
            "nowhere; --keep mine puts this laptop's copy back"
        )
    if keep == "theirs":
        server.release(reference)
    else:
        server.release(reference, returned=mine_doc, offline=_offline(laptop, reference))
    laptop.let_go(reference)
    return CheckIn(mine_doc.reference, changed, done=True)
