"""The wall is always family-safe: no confidential entry, whatever the mapping holds."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from cpchair.caseio.schema import MappingEntryDoc, ScalingDoc, ScoreDoc
from cpchair.demo import demo_case
from cpchair.rules.wall import wall_mapping, wall_scaling, wall_text
from cpchair.vocab import MAPPING_COLUMNS

CASE = demo_case(dt.date(2026, 11, 26))
REVIEW = CASE.conferences[1]

# Words that cannot turn up by chance in headings or in the other entries.
secret = st.text(alphabet="QXZJKqxzjk", min_size=6, max_size=20).map(lambda s: f"SECRET{s}")
entry = st.builds(
    MappingEntryDoc,
    column=st.sampled_from(MAPPING_COLUMNS),
    text=st.text(min_size=1, max_size=40),
    confidential=st.booleans(),
    children=st.lists(st.sampled_from(["c1", "c2", "c3"]), max_size=2, unique=True),
)


@settings(max_examples=150, deadline=None)
@given(entries=st.lists(entry, max_size=25), secrets=st.lists(secret, min_size=1, max_size=5),
       revealed=st.booleans())  # fmt: skip
def test_no_confidential_entry_ever_reaches_the_wall(
    entries: list[MappingEntryDoc], secrets: list[str], revealed: bool
) -> None:
    hidden = [
        MappingEntryDoc(column=MAPPING_COLUMNS[i % 6], text=s, confidential=True)
        for i, s in enumerate(secrets)
    ]
    mapping = [*entries, *hidden]
    conf = REVIEW.model_copy(update={"mapping": mapping})
    shown = wall_text(conf, CASE.children, revealed)
    for s in secrets:
        assert s not in shown
    for e in entries:
        if not e.confidential:
            assert e.text in shown  # and nothing safe is lost


def test_the_wall_keeps_each_column_in_its_heading() -> None:
    conf = REVIEW.model_copy(update={"mapping": [
        MappingEntryDoc(column="strengths", text="Nan does the school run", children=["c1"]),
        MappingEntryDoc(column="past_harm", text="Police called in June"),
    ]})  # fmt: skip
    groups = {g.title: g for g in wall_mapping(conf, CASE.children)}
    strengths = groups["What is working well"].sections[0]
    assert strengths.title == "Strengths"
    assert [(i.text, i.about) for i in strengths.items] == [("Nan does the school run", "Ruby")]


def test_a_hidden_round_of_scaling_never_shows() -> None:
    scaling = ScalingDoc(question="How safe?", polarity="ten_is_safe", independent=True,
                         scores=[ScoreDoc(attendee="sw", score=2, reason="Worried")],
                         overall=2)  # fmt: skip
    conf = REVIEW.model_copy(update={"scaling": scaling})
    assert wall_scaling(conf, revealed=False) is None
    assert "Worried" not in wall_text(conf, CASE.children, revealed=True)  # reasons never
    shown = wall_scaling(conf, revealed=True)
    assert shown is not None and [(s.who, s.score) for s in shown.scores] == [
        ("Lead social worker", 2),
    ]  # fmt: skip


def test_no_confidential_view_or_incident_reaches_the_wall() -> None:
    """The wall shows the mapping, the dangers and goals and the scale; views and incidents,
    confidential ones above all, never reach it."""
    from cpchair.caseio.schema import IncidentDoc, ViewDoc

    conf = REVIEW.model_copy(
        update={
            "views": [ViewDoc(whose="mum", how="in_person", summary="SECRETVIEWQX",
                              confidential=True)],
            "incidents": [IncidentDoc(which="worst", text="SECRETINCIDENTQX", confidential=True)],
        }
    )  # fmt: skip
    shown = wall_text(conf, CASE.children, revealed=True)
    assert "SECRETVIEWQX" not in shown and "SECRETINCIDENTQX" not in shown


def test_the_wall_sums_the_scores_up_in_the_family_s_words() -> None:
    """The room reads the wall, the family too: the middle score, as their copy says it
    (`documents.words.plain`), never "median"."""
    scores = [ScoreDoc(attendee=a, score=n, reason="Why") for a, n in
              (("sw", 2), ("pol", 5), ("jodie", 8))]  # fmt: skip
    scaling = ScalingDoc(question="How safe?", polarity="ten_is_safe", scores=scores, overall=4)
    conf = REVIEW.model_copy(update={"scaling": scaling})
    shown = wall_scaling(conf, revealed=True)
    assert shown is not None and shown.summary == "Lowest 2 · middle 5 · highest 8"
    assert "median" not in wall_text(conf, CASE.children, revealed=True).lower()


def test_an_allegation_says_so_in_words_and_a_fact_or_opinion_does_not() -> None:
    conf = REVIEW.model_copy(update={"mapping": [
        MappingEntryDoc(column="past_harm", text="Dad hit Mum in May", nature="allegation"),
        MappingEntryDoc(column="past_harm", text="Police were called", nature="fact"),
        MappingEntryDoc(column="future_danger", text="It may happen again", nature="opinion"),
        MappingEntryDoc(column="strengths", text="Nan helps"),
    ]})  # fmt: skip
    items = [i for g in wall_mapping(conf, CASE.children) for s in g.sections for i in s.items]
    assert [i.marked for i in items] == [
        "Dad hit Mum in May (allegation)", "Police were called", "It may happen again",
        "Nan helps",
    ]  # fmt: skip
    assert "Dad hit Mum in May (allegation)" in wall_text(conf, CASE.children, revealed=True)


def test_each_score_reads_role_then_score() -> None:
    scores = [ScoreDoc(attendee="jodie", score=7, reason="Why")]
    scaling = ScalingDoc(question="How safe?", polarity="ten_is_safe", scores=scores)
    conf = REVIEW.model_copy(update={"scaling": scaling})
    shown = wall_scaling(conf, revealed=True)
    assert shown is not None and [s.line for s in shown.scores] == ["Mother: 7"]
    assert "Mother: 7" in wall_text(conf, CASE.children, revealed=True).splitlines()
