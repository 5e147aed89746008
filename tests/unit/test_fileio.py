"""Where a case file or a document may be written: checked before, and again at the moment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cpchair.fileio import NotAFileError, as_sentence, target_problem, write_private


def test_an_ordinary_file_new_or_there_and_a_link_are_writable(tmp_path: Path) -> None:
    assert target_problem(tmp_path / "new.json") is None
    (tmp_path / "old.json").write_text("x")
    assert target_problem(str(tmp_path / "old.json")) is None  # replacing is asked about
    (tmp_path / "link.json").symlink_to(tmp_path / "a-folder-or-nothing")
    assert target_problem(tmp_path / "link.json") is None  # the link itself is replaced
    linked = tmp_path / "linked-folder"
    linked.symlink_to(tmp_path)
    assert target_problem(linked / "in-a-linked-folder.json") is None


def test_what_is_not_an_ordinary_file_is_named(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "file").write_text("x")
    assert target_problem("") == "give the name of the file to write"
    assert target_problem(tmp_path) == f"{tmp_path} is a folder: add a file name, such as case.json"
    assert target_problem(f"{tmp_path}/new/") == (
        f"{tmp_path}/new/ names a folder: add a file name, such as case.json"
    )
    assert target_problem(tmp_path / "pipe") == (
        f"{tmp_path}/pipe is a named pipe (FIFO), not an ordinary file; nothing is written to it"
    )
    assert "is a device" in (target_problem("/dev/null") or "")
    assert target_problem(tmp_path / "file" / "x.json") == (
        f"cannot write in {tmp_path}/file: it is not a folder"
    )
    assert target_problem(tmp_path / "no" / "x.json") == f"there is no folder {tmp_path}/no"
    assert as_sentence("there is no folder /x") == "There is no folder /x."


def test_what_appears_at_the_path_meanwhile_is_left_alone(tmp_path: Path) -> None:
    """Checked, then a named pipe or a folder put there before the write: refused, left as it
    is, and no temporary file stays behind."""
    for make in (os.mkfifo, os.mkdir):
        target = tmp_path / f"made-by-{make.__name__}"
        assert target_problem(target) is None
        make(target)
        with pytest.raises(NotAFileError, match="not an ordinary file"):
            write_private(target, "the case")
        assert target.exists() and not target.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["made-by-mkdir", "made-by-mkfifo"]


def test_a_link_is_replaced_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "theirs.txt"
    victim.write_text("theirs")
    link = tmp_path / "case.json"
    link.symlink_to(victim)
    write_private(link, "the case")
    assert not link.is_symlink() and link.read_text() == "the case"
    assert victim.read_text() == "theirs"
