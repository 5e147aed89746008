"""The meeting, the wall and the CLI on one database at once, each its own process, as on a
chair's laptop with the projector window open: nothing typed in the meeting is lost, no
process meets an error, and the wall ends showing every entry.

The meeting is the real app driven by Pilot (in this process), typing at full speed; the
wall is the real `WallApp` in a second process; the third process runs the real
`cpchair import --replace` of another case again and again.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cpchair.store.meeting import Meeting

from ..ui.helpers import burst
from ..ui.meeting_helpers import REF, in_meeting, meeting_app
from .helpers import DATABASE_KINDS, shared_database

LINES = 6  # lines the meeting files, each typed in full and sent with Enter
IMPORTS = 6

WALL = """
import asyncio, json, os, sys
from pathlib import Path
from cpchair.app import WallApp
from cpchair.store import open_store

async def main() -> None:
    path, stop = Path(sys.argv[1]), Path(sys.argv[2])
    app = WallApp(open_store(path, os.environ.get("CPCHAIR_PASSPHRASE")), "DEMO-0001", "rcpc1")
    async with app.run_test(size=(120, 40)) as pilot:
        print("ready", flush=True)
        while not stop.exists():
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.5)  # the last commit's news, then a frame
        await pilot.pause()
        shown = app.export_screenshot().replace("&#160;", " ")
        texts = [e.text for e in app.screen.state.conf.mapping]
        print(json.dumps({"texts": texts, "shown": [t for t in texts if t in shown]}))

asyncio.run(main())
"""
CLI = """
import sys
from cpchair.cli import app
path, case_file, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
failed = 0
for n in range(rounds):
    try:
        app(["--db", path, "import", "--replace", case_file], standalone_mode=False)
    except SystemExit as exc:
        failed += exc.code not in (0, None)
    except Exception as exc:
        failed += 1
        print(type(exc).__name__, file=sys.stderr)
print(failed)
"""


@pytest.mark.parametrize("key", DATABASE_KINDS)
async def test_the_meeting_the_wall_and_the_cli_together_lose_nothing(
    tmp_path: Path, demo_text: str, key: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, store, case_file = shared_database(tmp_path, demo_text, key)
    if key is not None:  # for the wall's and the CLI's processes
        monkeypatch.setenv("CPCHAIR_PASSPHRASE", key)
    stop = tmp_path / "stop"

    def run(script: str, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-c", script, *args], text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip

    wall = run(WALL, str(path), str(stop))
    assert wall.stdout is not None and wall.stdout.readline().strip() == "ready"
    cli = run(CLI, str(path), str(case_file), str(IMPORTS))
    typed = [f"g: line {n} typed as others write" for n in range(LINES)]
    try:
        async with meeting_app(store).run_test(size=(100, 30)) as pilot:
            await in_meeting(pilot, "mapping")
            for line in typed:
                await burst(pilot, *line, "enter")
            cli_out, cli_err = cli.communicate(timeout=240)
            assert pilot.app.is_running
    finally:
        stop.touch()
        if cli.poll() is None:
            cli.kill()
    wall_out, wall_err = wall.communicate(timeout=120)

    assert cli_out.splitlines()[-1] == "0", cli_err
    assert cli_out.count("Replaced OTHER-0002") == IMPORTS - 1
    assert wall.returncode == 0, wall_err
    filed = [e.text for e in Meeting(store, REF, "rcpc1").load().conf.mapping]
    assert filed == [line.removeprefix("g: ") for line in typed]
    seen = json.loads(wall_out.strip().splitlines()[-1])
    assert seen["texts"] == filed
    assert store.has_case("OTHER-0002")
    # The wall drew them, not only read them: long lines may wrap, so the short ones count.
    assert len(seen["shown"]) >= 1
