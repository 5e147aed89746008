"""A crash leaves where it happened in a private file, never what it was working on: no
exception message, no locals, nothing of a case on the screen or in the file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from cpchair import crash, paths

SECRET = "Ruby Hadley"  # a child's name, as case text would reach an exception


def _crash_in_a_frame_holding_case_text() -> BaseException:
    def inner(family_name: str) -> None:
        note = f"{family_name} told the social worker about the bruise"  # a local
        raise KeyError(f"no entry for {note}")

    def outer() -> None:
        notes = {"child": SECRET}
        try:
            inner(notes["child"])
        except KeyError as exc:
            raise RuntimeError(f"could not save {SECRET}") from exc

    try:
        outer()
    except RuntimeError as exc:
        return exc
    raise AssertionError("no crash")


def test_the_report_says_where_and_what_type_never_a_value() -> None:
    report = crash.crash_report(_crash_in_a_frame_holding_case_text())
    assert "Hadley" not in report and "Ruby" not in report and "bruise" not in report
    assert "\nKeyError\n" in report and report.rstrip().endswith("RuntimeError")
    assert "which was the direct cause of" in report
    assert f'File "{__file__}"' in report
    assert ", in inner" in report and ", in outer" in report
    # The source lines are not copied either: only file, line and function.
    assert "raise KeyError" not in report


def test_the_file_is_private_in_the_data_folder(tmp_path: Path) -> None:
    path = crash.write_crash(_crash_in_a_frame_holding_case_text())
    assert path is not None and path.parent == paths.data_dir()
    assert path.name.startswith("crash-") and path.suffix == ".txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert SECRET.encode() not in path.read_bytes()


def test_the_last_ten_are_kept(tmp_path: Path) -> None:
    for n in range(14):
        path = crash.write_crash(ValueError("x"), tmp_path)
        assert path is not None
        os.utime(path, (1_000_000 + n, 1_000_000 + n))  # told apart by when they were written
    left = sorted(int(p.stat().st_mtime) - 1_000_000 for p in tmp_path.glob("crash-*.txt"))
    assert left == list(range(4, 14))  # the ten newest


def test_a_folder_that_cannot_be_written_tells_the_crash_without_a_file(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert crash.write_crash(ValueError("x"), blocked / "data") is None
    assert crash.where_told(None) == "No report could be written."


def test_a_crash_of_the_command_shows_no_case_text_and_says_where_the_report_is() -> None:
    code = textwrap.dedent(
        f"""
        import sys
        import cpchair.cli as cli

        @cli.app.command("boom")
        def boom() -> None:
            family = {SECRET!r}
            raise ValueError("cannot file the note about " + family)

        sys.argv = ["cpchair", "boom"]
        cli.main()
        """
    )
    env = {**os.environ}
    env.pop("CPCHAIR_DEBUG", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 1
    assert "Hadley" not in out.stdout + out.stderr and "Traceback" not in out.stderr
    [report] = paths.data_dir().glob("crash-*.txt")
    assert "(ValueError)" in out.stderr and str(report) in out.stderr
    assert len(out.stderr.splitlines()) == 1
    text = report.read_text("utf-8")
    assert "Hadley" not in text and "ValueError" in text and ", in boom" in text
