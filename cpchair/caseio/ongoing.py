"""An action that runs on, in the file: status "open" and the added key "ongoing": true.

cpchair holds "ongoing" as one more action status, but the format's list of statuses (open,
done, not_done, dropped) is relied on exactly as written by other systems, so a file never
carries the word: what the format has no word for goes in an optional key of its own
(docs/case-format.md, Additions). `ActionDoc` folds the key into its status as it is read
(`fold`) and writes it back out in JSON (`unfold`); `problems` is the importer's strict look
at a raw file first, so each refusal names its path.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cpchair.caseio.problems import Problem, shown_value

ONGOING = "ongoing"


def fold(action: Any) -> Any:
    """An action as read (a dict) with `ongoing: true` made status "ongoing". Lenient: a value
    that does not fit is left for `problems` (the importer) to refuse."""
    if not isinstance(action, dict) or ONGOING not in action:
        return action
    action = dict(action)
    if action.pop(ONGOING) is True and action.get("status") == "open":
        action["status"] = ONGOING
    return action


def unfold(action: dict[str, Any]) -> dict[str, Any]:
    """An action written as JSON: status "ongoing" as "open", `ongoing` right after status."""
    runs_on = action.get("status") == ONGOING
    out: dict[str, Any] = {}
    for key, value in action.items():
        out[key] = "open" if key == "status" and runs_on else value
        if key == "status":
            out[ONGOING] = runs_on
    return out


def _actions(data: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(JSON path, action object) for each plan action of a raw file; shapes that are wrong are
    left for validation to report."""
    conferences = data.get("conferences") if isinstance(data, dict) else None
    for i, conf in enumerate(conferences if isinstance(conferences, list) else []):
        plan = conf.get("plan") if isinstance(conf, dict) else None
        actions = plan.get("actions") if isinstance(plan, dict) else None
        for j, action in enumerate(actions if isinstance(actions, list) else []):
            if isinstance(action, dict):
                yield f"conferences[{i}].plan.actions[{j}]", action


def problems(data: Any) -> list[Problem]:
    """What a raw file gets wrong about running on: "ongoing" given as a status (not the
    format's word), an `ongoing` that is not true or false, or true beside another status."""
    found: list[Problem] = []
    for path, action in _actions(data):
        status, runs_on = action.get("status"), action.get(ONGOING, False)
        if status == ONGOING:
            found.append(
                Problem(
                    f"{path}.status",
                    "'ongoing' is not a status of cpchair-case/1: an action that runs on is "
                    "'open' with ongoing: true",
                )
            )
        elif not isinstance(runs_on, bool):
            found.append(Problem(f"{path}.{ONGOING}", "should be true or false"))
        elif runs_on and status != "open":
            found.append(
                Problem(
                    f"{path}.{ONGOING}",
                    f"only an open action runs on; this one is {shown_value(status)}",
                )
            )
    return found
