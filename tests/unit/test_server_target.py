"""A database named by `--db` / `CPCHAIR_DB`: a path, or a server's URL (server.py); and a
server's URL as shown to a person, never with its password."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from cpchair import paths
from cpchair.server import NotADatabase, Server, parse_target


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("postgresql://chair@db.council.gov.uk/cases", "postgresql+psycopg://chair@db.council.gov.uk/cases"),
        ("postgres://chair@db:5433/cases", "postgresql+psycopg://chair@db:5433/cases"),
        ("postgresql+psycopg://chair:pw@db/cases", "postgresql+psycopg://chair:pw@db/cases"),
        ("POSTGRESQL://chair@db/cases", "postgresql+psycopg://chair@db/cases"),
        ("postgresql://chair@db/cases?sslmode=require", "postgresql+psycopg://chair@db/cases?sslmode=require"),
        ("postgresql://chair@[::1]:5432/cases", "postgresql+psycopg://chair@[::1]:5432/cases"),
        # No host: the server on this machine, through its local socket.
        ("postgresql:///cases", "postgresql+psycopg:///cases"),
    ],
)  # fmt: skip
def test_a_server_url_is_opened_with_psycopg(typed: str, url: str) -> None:
    target = parse_target(typed)
    assert target == Server(url)
    assert isinstance(target, Server)
    assert make_url(target.url).database == "cases"  # SQLAlchemy reads it as written


@pytest.mark.parametrize(
    ("typed", "path"),
    [
        ("cases.db", Path("cases.db")),
        ("/srv/chair/cases.db", Path("/srv/chair/cases.db")),
        ("sqlite:///rel/cases.db", Path("rel/cases.db")),
        ("sqlite:////abs/cases.db", Path("/abs/cases.db")),
        ("SQLITE:///cases.db", Path("cases.db")),
        ("~/cases.db", Path.home() / "cases.db"),
        ("postgresql.db", Path("postgresql.db")),  # a file whose name merely starts so
    ],
)
def test_anything_else_is_a_path(typed: str, path: Path) -> None:
    assert parse_target(typed) == path


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("mysql://chair@db/cases", "not mysql://"),
        ("http://db.council.gov.uk/cases", "not http://"),
        ("postgresql://chair@db", "names no database"),
        ("postgresql://chair@db/", "names no database"),
        ("postgresql://chair:secret@db", "names no database"),
    ],
)
def test_other_urls_are_refused_in_plain_words(typed: str, says: str) -> None:
    with pytest.raises(NotADatabase, match=says) as refused:
        parse_target(typed)
    assert "secret" not in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("postgresql://chair@db/cases", "postgresql://chair@db/cases"),
        ("postgresql://chair:secret@db:5433/cases", "postgresql://chair:***@db:5433/cases"),
        ("postgresql+psycopg://chair:s%40cret@db/cases", "postgresql://chair:***@db/cases"),
        ("postgres://:secret@db/cases", "postgresql://:***@db/cases"),
        ("postgresql://chair:sec@ret@db/cases", "postgresql://chair:***@db/cases"),  # unescaped @
        ("postgresql:///cases", "postgresql:///cases"),
        (
            "postgresql://chair@db/cases?sslmode=require&password=secret",
            "postgresql://chair@db/cases?sslmode=require&password=***",
        ),
    ],
)
def test_a_server_is_shown_without_its_password(typed: str, shown: str) -> None:
    server = parse_target(typed)
    assert str(server) == shown
    assert "cret" not in str(server)


def test_a_server_has_no_database_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPCHAIR_DB", "postgresql://chair:secret@db/cases")
    assert paths.database() == Server("postgresql+psycopg://chair:secret@db/cases")
    with pytest.raises(paths.OnServer, match="on a server") as refused:
        paths.db_path()
    assert "secret" not in str(refused.value)
    paths.set_cli_db("sqlite:///flag.db")  # --db outranks the environment
    assert paths.db_path() == Path("flag.db")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("postgresql://chair:secret@db:5433/cases", "postgresql://chair@db:5433/cases"),
        ("postgres://:secret@db/cases", "postgresql://db/cases"),
        ("postgresql://chair@db/cases", "postgresql://chair@db/cases"),
        ("postgresql://chair@db/cases?password=secret&sslmode=require", "postgresql://chair@db/cases?sslmode=require"),
        ("postgresql://chair@db/cases?sslmode=require&password=secret", "postgresql://chair@db/cases?sslmode=require"),
    ],
)  # fmt: skip
def test_a_laptop_keeps_the_url_without_any_password(typed: str, kept: str) -> None:
    server = parse_target(typed)
    assert isinstance(server, Server)
    assert server.without_password() == kept
    again = parse_target(kept)  # as `checkin` reads it back: no password to send, not `***`
    assert isinstance(again, Server) and make_url(again.url).password is None


def test_a_sqlite_url_with_two_slashes_is_refused_in_plain_words() -> None:
    with pytest.raises(NotADatabase, match="three slashes"):
        parse_target("sqlite://cases.db")
