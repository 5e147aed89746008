"""A crash inside the app: one line on the terminal that says where the private report is,
and neither the line nor the report holds the case text the crash was carrying."""

from __future__ import annotations

import stat

import pytest

from cpchair import paths
from cpchair.store import Store

from .meeting_helpers import in_meeting, load_demo, meeting_app


async def test_a_crash_in_the_meeting_leaves_no_case_text_behind(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    load_demo(store)
    app = meeting_app(store)

    def boom() -> None:
        family = "Hadley"  # a local holding case text
        raise RuntimeError(f"cannot show the {family} family")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(120, 40)) as pilot:
            await in_meeting(pilot)
            app.call_later(boom)
            await pilot.pause()
    told = capsys.readouterr()
    assert app.return_code == 1
    [report] = paths.data_dir().glob("crash-*.txt")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    on_screen = " ".join((told.out + told.err).split())  # as Rich wrapped it
    assert "cpchair stopped after an unexpected problem (RuntimeError)" in on_screen
    assert str(report) in "".join(on_screen.split())  # a long path may be folded
    assert "Hadley" not in told.out + told.err and "Traceback" not in told.out + told.err
    text = report.read_text("utf-8")
    assert "Hadley" not in text and "RuntimeError" in text and ", in boom" in text
