"""One panel per stage of the live conference, in the order of `vocab.STAGES`."""

from __future__ import annotations

from cpchair.screens.stages.base import StagePanel
from cpchair.screens.stages.close import ClosePanel
from cpchair.screens.stages.dangers import DangersPanel
from cpchair.screens.stages.decision import DecisionPanel
from cpchair.screens.stages.family import FamilyPanel
from cpchair.screens.stages.history import HistoryPanel
from cpchair.screens.stages.mapping import MappingPanel
from cpchair.screens.stages.opening import OpeningPanel
from cpchair.screens.stages.plan import PlanPanel
from cpchair.screens.stages.scaling import ScalingPanel

PANELS: dict[str, type[StagePanel]] = {
    "opening": OpeningPanel,
    "family_network": FamilyPanel,
    "history": HistoryPanel,
    "mapping": MappingPanel,
    "danger_goals": DangersPanel,
    "scaling": ScalingPanel,
    "decision": DecisionPanel,
    "plan": PlanPanel,
    "close": ClosePanel,
}
