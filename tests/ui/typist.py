"""A model of what a minute-taker means by the keys they type, for the property test.

A script is a list of steps; each step is the keys of one intention (a score, a reason, a
view, a move, a word typed into a list by mistake) and what the model says it does. The
strategy builds scripts step by step against the model, so every step is one a person could
take from where the last one left them; `pause` marks where the typist stops long enough for
the screen to catch up. Everything else is one burst: all keys queued before the first is
handled.

The model knows the meeting's rules as the chair knows them, not how the screens do it:
- Scaling: a digit (t, or 1 then 0, for 10) scores the highlighted person and takes the
  keyboard to their reason; Enter files it and moves on, Escape files it and stays; Enter on
  a scored person opens their reason.
- Decision: p, c or n gives the highlighted cell's view (a reason that person gave for the
  same view for another child comes with it), moves to the next cell and takes the keyboard
  to the view's reason; Enter files it, or passes; Escape files and goes back; r reopens the
  reason of the view just given (or the one highlighted). A filed reason also goes to that
  person's other children with the same view and no reason.
- In either list, a word typed as if into a box changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

WORDS = "abcdeghijkl mnopqrstuvwxyz"  # reason text: letters and spaces, no digits
STRAY_FIRST = "DTWBK"  # a word typed into a list starts with a letter that is no command
STRAY_REST = "pcnrdotx1234 "  # ...and goes on with letters that would be commands


@dataclass
class Step:
    keys: list[str]
    pause: bool = False  # the typist waits for the screen after these keys


@dataclass
class Scaling:
    people: list[str]
    row: int = 0
    in_box: bool = False
    box: str = ""  # the reason box's text
    owner: str | None = None  # whose reason the box holds
    scores: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def here(self) -> str:
        return self.people[self.row]

    def load(self, person: str) -> None:
        self.owner, self.box = person, self.reasons.get(person, "")

    def score(self, value: int) -> None:
        self.scores[self.here] = value
        self.load(self.here)
        self.in_box = True

    def move(self, by: int) -> None:
        row = max(0, min(len(self.people) - 1, self.row + by))
        if row != self.row:
            self.row = row
            self.load(self.here)

    def leave(self, enter: bool) -> None:
        """Enter files the reason and moves on; Escape files it and stays."""
        assert self.owner is not None
        if self.box.strip() != self.reasons.get(self.owner, ""):
            self.reasons[self.owner] = self.box.strip()
        self.in_box = False
        if enter:
            self.move(1)

    def open_reason(self) -> None:
        if self.here in self.scores:
            self.load(self.here)
            self.in_box = True


@dataclass
class Decision:
    voters: list[str]
    children: list[str]
    row: int = 0
    col: int = 0  # index into children
    in_box: bool = False
    box: str = ""
    shown: str = ""  # saved text the box shows: not typing
    just_given: tuple[str, str] | None = None
    votes: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    @property
    def here(self) -> tuple[str, str]:
        return self.voters[self.row], self.children[self.col]

    def target(self) -> tuple[str, str]:
        return self.just_given or self.here

    def view(self, vote: str) -> None:
        cell = self.here
        old = self.votes.get(cell)
        reason = old[1] if old else ""
        if not reason:
            same = [r for (a, k), (v, r) in self.votes.items()
                    if a == cell[0] and k != cell[1] and v == vote and r]  # fmt: skip
            reason = same[0] if same else ""
        self.votes[cell] = (vote, reason)
        self.just_given = cell
        if self.col + 1 < len(self.children):
            self.col += 1
        elif self.row + 1 < len(self.voters):
            self.row, self.col = self.row + 1, 0
        self.to_reason()

    def to_reason(self) -> None:
        held = self.votes.get(self.target())
        self.box = self.shown = held[1] if held else ""
        self.in_box = True

    def move(self, by: int) -> None:
        row = max(0, min(len(self.voters) - 1, self.row + by))
        if row != self.row:
            self.row, self.just_given = row, None

    @property
    def typing(self) -> bool:
        return bool(self.box.strip()) and self.box != self.shown

    def leave(self, enter: bool) -> None:
        """Enter or Escape: either files what was typed, then goes back to the grid."""
        if self.typing:
            cell = self.target()
            if cell not in self.votes:
                return  # refused: the text and the keyboard stay
            text = self.box.strip()
            vote = self.votes[cell][0]
            self.votes[cell] = (vote, text)
            for (a, k), (v, r) in list(self.votes.items()):
                if a == cell[0] and k != cell[1] and v == vote and not r:
                    self.votes[(a, k)] = (v, text)
        self.in_box = False
        self.box = self.shown = ""


def _text(draw: st.DrawFn) -> str:
    return draw(st.text(alphabet=WORDS, min_size=1, max_size=6))


def _in_box(draw: st.DrawFn, model: Scaling | Decision, pause: bool) -> Step:
    """In a reason box: more of the reason, or Enter or Escape (each files what was typed)."""
    kind = draw(st.sampled_from(["type", "type", "enter", "escape"]))
    if kind == "type":
        text = _text(draw)
        model.box += text
        return Step(list(text), pause)
    model.leave(enter=kind == "enter")
    return Step([kind], pause)


def _stray(draw: st.DrawFn) -> list[str]:
    word = draw(st.sampled_from(STRAY_FIRST)) + draw(st.text(STRAY_REST, max_size=5))
    return [*word, "escape"]  # a key that is not a letter ends the stray word


@st.composite
def scaling_script(draw: st.DrawFn, people: list[str]) -> tuple[list[Step], Scaling]:
    model = Scaling(list(people))
    model.load(model.here)
    steps: list[Step] = []
    for _ in range(draw(st.integers(1, 14))):
        pause = draw(st.booleans())
        if not model.in_box:
            kind = draw(st.sampled_from(["score", "score", "ten", "move", "open", "stray"]))
            if kind == "score":
                value = draw(st.integers(0, 9))
                steps.append(Step([str(value)], pause))
                model.score(value)
            elif kind == "ten":
                fresh = not model.reasons.get(model.here)
                keys = ["1", "0"] if fresh and draw(st.booleans()) else ["t"]
                steps.append(Step(keys, pause))
                model.score(10)
            elif kind == "move":
                by = draw(st.sampled_from([-1, 1]))
                steps.append(Step(["down" if by > 0 else "up"], pause))
                model.move(by)
            elif kind == "open":
                steps.append(Step(["enter"], pause))
                model.open_reason()
            else:
                steps.append(Step(_stray(draw), pause))
        else:
            steps.append(_in_box(draw, model, pause))
    return steps, model


@st.composite
def decision_script(
    draw: st.DrawFn, voters: list[str], children: list[str]
) -> tuple[list[Step], Decision]:
    model = Decision(list(voters), list(children))
    steps: list[Step] = []
    for _ in range(draw(st.integers(1, 14))):
        pause = draw(st.booleans())
        if not model.in_box:
            kinds = ["view", "view", "move", "stray"]
            if model.target() in model.votes:
                kinds.append("reason")
            kind = draw(st.sampled_from(kinds))
            if kind == "view":
                key = draw(st.sampled_from("pcn"))
                steps.append(Step([key], pause))
                model.view({"p": "plan", "c": "child_in_need", "n": "no_further_action"}[key])
            elif kind == "move":
                by = draw(st.sampled_from([-1, 1]))
                steps.append(Step(["down" if by > 0 else "up"], pause))
                model.move(by)
            elif kind == "reason":
                steps.append(Step(["r"], pause))
                model.to_reason()
            else:
                steps.append(Step(_stray(draw), pause))
        else:
            steps.append(_in_box(draw, model, pause))
    return steps, model


COLUMNS = {"h": "past_harm", "d": "future_danger", "s": "strengths", "g": "grey_areas"}


@dataclass
class Capture:
    """The capture line: each line typed and Enter is an entry, in its column (a letter and
    a colon choose it; with none, the column of the line before); a line not yet sent stays
    in the box. Tags may follow the text."""

    target: str
    line: str = ""
    filed: list[tuple[str, str, str | None, list[str]]] = field(default_factory=list)

    def send(self) -> None:
        text, column = self.line.strip(), self.target
        self.line = ""
        if not text:
            return
        source, children = None, []
        words = text.split()
        while words and words[-1] in ("@sw", "#ruby"):
            tag = words.pop()
            if tag == "@sw":
                source = "sw"
            elif "c1" not in children:
                children.insert(0, "c1")
        head, _, rest = " ".join(words).partition(": ")
        if head in COLUMNS:
            column, words = COLUMNS[head], rest.split()
        self.target = column
        self.filed.append((column, " ".join(words), source, children))


@st.composite
def capture_script(draw: st.DrawFn, target: str) -> tuple[list[Step], Capture]:
    model = Capture(target)
    steps: list[Step] = []
    lines = draw(st.integers(1, 6))
    for n in range(lines):
        prefix = draw(st.sampled_from(["", *(f"{c}: " for c in COLUMNS)]))
        words = draw(st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=5),
                              min_size=1, max_size=4))  # fmt: skip
        tags = draw(st.lists(st.sampled_from(["@sw", "#ruby"]), max_size=2, unique=True))
        line = prefix + " ".join(words + tags)
        split = draw(st.integers(0, len(line)))  # a pause may come mid-line
        steps.append(Step(list(line[:split]), draw(st.booleans())))
        steps.append(Step(list(line[split:]), draw(st.booleans())))
        model.line = line
        if n < lines - 1 or draw(st.booleans()):  # the last line may be left unsent
            steps.append(Step(["enter"], draw(st.booleans())))
            model.send()
    return steps, model
