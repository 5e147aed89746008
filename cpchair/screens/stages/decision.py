"""The decision stage of the live meeting (still to be built: a placeholder for now)."""

from __future__ import annotations

from cpchair.screens.stages.placeholder import placeholder

DecisionPanel = placeholder("decision")
