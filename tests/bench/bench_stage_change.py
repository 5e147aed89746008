"""F3 to the next stage, as the chair waits for it: from the key to the frame that shows it.

    uv run python tests/bench/bench_stage_change.py [rounds] [--demo]

Runs `cpchair open` on a throwaway data folder as a whole process in a pseudo-terminal
(80x24), sends F3 as a terminal sends it, and times until the screen shows the new stage:
named as the current one in the stage strip (its row of the screen, not the word anywhere
in the output: a panel may say "plan" first) and its panel's own heading (the strip can be
drawn a frame before the panel it names, whose switch waits for a layout). The case is the
demo's with 20 conferences (`--demo`: the demo's own two): a stage change must not cost more
for a case with a long history. The first pass through the stages builds each panel; later
passes (F2/F3 back and forth) switch to a built one. The baseline is a bare Textual app of
the same chrome (header, a strip, nine panels built on first visit, footer) run the same way
in the same run.
Prints medians, the 90th percentile and the ratio to the baseline.
Goal (issues 10 and 14): a stage change draws within 0.3 s.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cpchair.vocab import STAGE_SHORT_LABELS, STAGES
from tests.bench.bytecode import with_bytecode
from tests.builders import many_conferences
from tests.reliability.terminal import COLUMNS, F2, F3, LINES, OPEN_DEMO, Terminal, demo_folder

BARE = textwrap.dedent(
    """
    from textual.app import App
    from textual.binding import Binding
    from textual.widgets import ContentSwitcher, Footer, Header, Static

    LABELS = {labels!r}

    class Bare(App):
        BINDINGS = [Binding("f2", "step(-1)", "Back"), Binding("f3", "step(1)", "Next")]

        def compose(self):
            yield Header()
            yield Static("", id="strip")
            yield ContentSwitcher(id="panels")
            yield Footer()

        async def on_mount(self):
            self.at = -1
            await self.action_step(1)

        async def action_step(self, step):
            self.at = max(0, min(len(LABELS) - 1, self.at + step))
            switcher = self.query_one(ContentSwitcher)
            key = f"p{{self.at}}"
            if not switcher.query(f"#{{key}}"):
                await switcher.mount(Static(f"panel {{self.at}}: " * 100, id=key))
            switcher.current = key
            self.query_one("#strip", Static).update(f" {{self.at + 1}} {{LABELS[self.at]}} ")

    Bare().run()
    """
)


STRIP = 1  # the screen's row holding the stage strip, under the header
# What each stage's panel shows at its top, in the demo case (80x24), and nothing else does.
HEADINGS = ["Attendance", "Family and network", "What has got us here", "What we are worried",
            "Danger statements and safety goals", "Scale 1 of", "Each agency's view",
            "Outcomes  Actions", "before the conference can be concluded"]  # fmt: skip


def press(term: Terminal, key: bytes, label: str, heading: str) -> float:
    """The key, until the strip names `label` as the current stage (" 3◐ History") and the
    panel shows its `heading`."""
    term.drain()
    term.write(key)
    return term.wait_until(lambda s: f" {label} " in s.row(STRIP) and s.find(heading) is not None)


def walk(
    term: Terminal, stages: list[tuple[str, str]], rounds: int
) -> tuple[list[float], list[float]]:
    """First visits F3 through every stage; then F2/F3 between built ones."""
    first = [press(term, F3, *stage) for stage in stages[1:]]
    again = []
    for _ in range(rounds):
        again.append(press(term, F2, *stages[-2]))
        again.append(press(term, F3, *stages[-1]))
    return first, again


def run(argv: list[str], env: dict[str, str], stages: list[tuple[str, str]], rounds: int):
    term = Terminal(argv, env)
    try:
        term.wait_until(lambda s: f" {stages[0][0]} " in s.row(STRIP), timeout=60)
        return walk(term, stages, rounds)
    finally:
        term.close()


def show(name: str, first: list[float], again: list[float]) -> tuple[float, float]:
    def p90(xs: list[float]) -> float:
        return sorted(xs)[int(0.9 * (len(xs) - 1))]

    f, a = statistics.median(first), statistics.median(again)
    print(f"{name:8} first visit median {f * 1000:6.0f} ms (p90 {p90(first) * 1000:4.0f})"
          f" · built median {a * 1000:5.0f} ms (p90 {p90(again) * 1000:4.0f})")  # fmt: skip
    return f, a


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rounds = int(args[0]) if args else 10
    labels = [STAGE_SHORT_LABELS[s] for s in STAGES]
    case = None if "--demo" in sys.argv else many_conferences(dt.date.today())
    with tempfile.TemporaryDirectory() as folder:
        env = with_bytecode(demo_folder(Path(folder), case=case), Path(folder))
        bare_script = Path(folder) / "bare.py"
        bare_script.write_text(BARE.format(labels=labels))
        cpchair = run(OPEN_DEMO, env, list(zip(labels, HEADINGS, strict=True)), rounds)
        bare_panels = [f"panel {n}:" for n in range(len(labels))]
        bare = run([sys.executable, str(bare_script)], env,
                   list(zip(labels, bare_panels, strict=True)), rounds)  # fmt: skip
    conferences = 2 if case is None else len(case.conferences)
    print(f"F3 to the frame that shows the next stage (strip and panel), {COLUMNS}x{LINES}, "
          f"whole processes, a case of {conferences} conferences:")  # fmt: skip
    cf, ca = show("cpchair", *cpchair)
    slowest = sorted(zip(cpchair[0], labels[1:], strict=True), reverse=True)[:3]
    worst = ", ".join(f"{name} {t * 1000:.0f} ms" for t, name in slowest)
    print(f"         slowest first visits: {worst}")
    bf, ba = show("bare", *bare)
    print(f"ratio    first visit {cf / bf:.1f}x · built {ca / ba:.1f}x "
          f"(goal: every stage change within 300 ms)")  # fmt: skip


if __name__ == "__main__":
    main()
