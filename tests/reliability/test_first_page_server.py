"""On a team's server the caseload's first page is kept too, and read with psycopg alone
before the store loads (first_page.py): exact, or not used at all, as on a file."""

from __future__ import annotations

import datetime as dt

from cpchair import first_page
from cpchair.demo import demo_case
from cpchair.server import Server, parse_target
from cpchair.store import Store, open_store

DAY = dt.date(2026, 11, 26)


def test_the_page_kept_on_a_server_is_drawn_while_no_case_has_changed(pg_store: Store) -> None:
    server = pg_store.where
    assert isinstance(server, Server)
    pg_store.import_case(demo_case(DAY))
    assert first_page.read(server, None, DAY) is None  # nothing kept yet
    page = pg_store.first_page(50, DAY)
    assert first_page.read(server, None, DAY) == page
    later = first_page.read(server, None, DAY + dt.timedelta(days=1))
    assert later is not None and later.flags_pending  # its flags count days: read again

    pg_store.create_case("T-001", "Ashworth")  # another seat's new case moves the stamp
    assert first_page.read(server, None, DAY) is None
    pg_store.first_page(50, DAY)
    assert [r.reference for r in first_page.read(server, None, DAY).rows] == [  # type: ignore[union-attr]
        "DEMO-0001",
        "T-001",
    ]


def test_a_server_that_does_not_answer_gives_no_page_and_no_error() -> None:
    target = parse_target("postgresql://chair:secret@127.0.0.1:1/cases")
    assert isinstance(target, Server)
    assert first_page.read(target, None, DAY) is None


def test_the_page_read_by_the_store_and_by_the_light_reader_match_on_a_server(
    pg_store: Store,
) -> None:
    """The stamp as psycopg reads it alone and as the store reads it are the same words."""
    pg_store.import_case(demo_case(DAY))
    url = pg_store.where
    kept = pg_store.first_page(50, DAY)
    other = open_store(url)  # as another seat would
    assert other.first_page(50, DAY) == kept
    assert first_page.read(url, None, DAY) == kept  # type: ignore[arg-type]
