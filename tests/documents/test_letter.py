"""The chair's letter: one family member's, in plain words, never holding more than their
family copy. All names and data are fictional."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cpchair import settings as cpchair_settings
from cpchair.cli import app
from cpchair.documents import default_filename, model_for, render
from cpchair.documents.echoes import confidential_texts
from cpchair.documents.family import family_recipients
from cpchair.documents.letter import CATEGORY_MEANS, YOUNG_CATEGORY_MEANS, LetterNeedsRecipient
from cpchair.rules.profiles import load_profile
from tests.documents.cases import attendee, case_of, demo, small_case
from tests.documents.readers import pdf_text, text_of
from tests.documents.test_family_property import JARGON, MARKS, cases

ENGLAND_COMPLAINTS = load_profile("england").complaints.value


def letter(case: Any, recipient: str | None, key: str = "c1", fmt: str = "md") -> str:
    return text_of(render(case, key, fmt, kind="letter", recipient=recipient), fmt)


# --- the demo, person by person ---------------------------------------------------------------


def test_every_demo_recipient_gets_their_own_letter() -> None:
    case = demo()
    conf = case.conferences[0]
    keys = [r.key for r in family_recipients(case, conf)]
    assert keys == ["adv", "jodie", "liam", "carol", "sarah"]
    for key in keys:
        text = letter(case, key, "icpc")
        assert text.startswith("# Letter from the conference chair\n")
        assert "DRAFT" not in text  # the initial conference is concluded
        assert "Ruby will have a child protection plan. The main worry is emotional abuse." in text
        assert "Mia will have a child protection plan. The main worries are neglect and " in text
        assert "The baby will have a child protection plan. The main worry is physical abuse." in (
            text
        )
        assert "Tyler" not in text  # no decision was made about him
        assert "The main worry is what the conference calls the category." in text
        for category in ("emotional_abuse", "neglect", "physical_abuse"):
            assert CATEGORY_MEANS[category] in text  # type: ignore[index]
        assert CATEGORY_MEANS["sexual_abuse"] not in text
        assert "**First core group meeting:** 17 September 2026" in text
        assert "**Next child protection conference:** 26 November 2026" in text
        assert "then every 28 days" in text
        assert "contact me: 01632 960400, safeguarding.chairs@example.gov.uk." in text
        assert ENGLAND_COMPLAINTS in text
        assert text.rstrip().endswith("a court orders it.*")
        assert "Yours sincerely,\n\nAlan Fairbairn\n\nConference chair" in text
        assert not JARGON.search(text)


def test_each_letter_speaks_to_its_reader() -> None:
    case = demo()
    jodie = letter(case, "jodie", "icpc")
    assert "**To:** Jodie Hadley" in jodie and "Dear Jodie," in jodie
    assert "Thank you for coming to the initial child protection conference" in jodie
    assert "(the minutes) by 1 October 2026. Your copy leaves out anything given" in jodie
    assert "You are part of it." in jodie
    assert "You can bring someone to support you at the next conference" in jodie
    liam = letter(case, "liam", "icpc")  # out of the room for part: the part attended
    assert "Your copy leaves out what was said while you were out of the room" in liam
    sarah = letter(case, "sarah", "icpc")  # a supporter in the core group, who sent apologies
    assert "Dear Sarah," in sarah and "I am writing to you about the initial" in sarah
    assert "Supporters do not get a copy." in sarah
    assert "You can bring someone" not in sarah
    advocate = letter(case, "adv", "icpc")
    assert "Dear Sam Kirby," in advocate
    assert "You can help the child you support to have their say" in advocate
    assert "You are part of it." not in advocate  # not in the core group


def test_no_letter_holds_what_the_readers_family_copy_may_not() -> None:
    """Every confidential entry, every exclusion's reason and every address or phone number
    of the demo is absent from every letter; the letter repeats no free text of the case."""
    case = demo()
    conf = case.conferences[0]
    secrets = [text for _, text in confidential_texts(case, conf)]
    secrets += [e.reason for e in conf.exclusions]
    secrets += [p.contact for p in case.people if p.contact]
    secrets += [a.contact for a in conf.attendees if a.contact]
    secrets += [m.text for m in conf.mapping] + [i.text for i in conf.incidents]
    assert len(secrets) > 10
    for r in family_recipients(case, conf):
        text = letter(case, r.key, "icpc")
        for secret in secrets:
            assert secret not in text, (r.key, secret)


def test_the_latest_conference_not_yet_concluded_gives_a_draft() -> None:
    text = letter(demo(), "carol", "rcpc1")
    assert text.startswith("# DRAFT: Letter from the conference chair\n")
    assert "DRAFT: the conference has not finished yet" in text
    assert "No decision has been made yet about Ruby." in text
    assert "By 24 December 2026: the date is still to be fixed" in text
    pdf = render(demo(), "rcpc1", "pdf", kind="letter", recipient="carol")
    assert isinstance(pdf, bytes) and "DRAFT" in pdf_text(pdf)


# --- the rules, case by case ------------------------------------------------------------------


def test_the_complaints_words_are_the_profile_s() -> None:
    for name in ("england", "east-riding"):
        words = load_profile(name).complaints.value
        data = small_case()
        data["profile"] = name
        assert words in letter(case_of(data), "mum")
    assert load_profile("east-riding").complaints.value != ENGLAND_COMPLAINTS


@pytest.mark.parametrize(
    ("outcome", "says"),
    [
        ("child_in_need", "Kit will not have a child protection plan. Instead, Kit will have a "
         "child in need plan: the social worker will work with the family on the help Kit "
         "needs."),
        ("no_further_action", "Kit will not have a child protection plan. The conference "
         "decided that no further action is needed."),
    ],
)  # fmt: skip
def test_a_child_not_on_a_plan(outcome: str, says: str) -> None:
    decisions = [{"child": "k1", "outcome": outcome, "categories": [], "method": "unanimous"}]
    text = letter(case_of(small_case(decisions=decisions)), "mum")
    assert says in text
    assert "Dates to know" not in text and "core group" not in text
    assert "A child protection plan is a written plan" not in text
    assert "what the conference calls the category" not in text


def _review(outcome: str, criterion: str | None = None) -> Any:
    data = small_case()
    first = data["conferences"][0]
    review = dict(first, key="c2", kind="review", date="2027-04-01")
    review["decisions"] = [{"child": "k1", "outcome": outcome, "categories": [],
                            "method": "unanimous", "ending_criterion": criterion}]  # fmt: skip
    data["conferences"].append(review)
    return case_of(data)


def test_a_plan_that_goes_on_or_ends_at_a_review() -> None:
    goes_on = _review("plan")
    goes_on.conferences[1].decisions[0].categories = ["neglect"]
    assert "Kit's child protection plan will carry on. The main worry is neglect." in letter(
        goes_on, "mum", "c2"
    )
    ends = letter(_review("child_in_need", "no_longer_at_risk"), "mum", "c2")
    assert "Kit's child protection plan ends. Instead, Kit will have a child in need plan for " \
        "at least 3 months." in ends  # fmt: skip
    assert "Next child protection conference" not in ends
    in_care = letter(_review("no_further_action", "in_care"), "mum", "c2")
    assert "Kit's child protection plan ends. Other arrangements now keep Kit safe." in in_care


def test_a_young_person_s_letter_is_in_words_for_them() -> None:
    people = small_case()["conferences"][0]["attendees"]
    kit = attendee("kit", "child", name="Kit Parent", role="Kit")
    data = small_case(attendees=[*people, kit])
    data["conferences"][0]["decisions"][0]["categories"] = ["emotional_abuse"]
    text = letter(case_of(data), "kit")
    assert "Dear Kit," in text
    assert "A child protection conference is a meeting about you and your family." in text
    assert "You will have a child protection plan. The main worry is emotional abuse." in text
    assert YOUNG_CATEGORY_MEANS["emotional_abuse"] in text
    assert CATEGORY_MEANS["emotional_abuse"] not in text
    assert "I will let you know whether you will get a copy" in text  # the chair decides
    assert "through an advocate, who is someone whose job is to help you" in text
    mum = letter(case_of(data), "mum")  # the same case, to a parent
    assert "Kit will have a child protection plan." in mum and "You will have" not in mum


def test_the_chair_is_the_conference_s_and_the_settings_the_fallback(tmp_path: Path) -> None:
    cpchair_settings.save_setting("chair_name", "Morgan Ashdown")
    cpchair_settings.save_setting("chair_contact", "01632 960999")
    cpchair_settings.forget_settings()
    named = case_of(small_case(chair="Chair Person", chair_contact="01632 960111"))
    text = letter(named, "mum")
    assert "**From:** Chair Person, conference chair" in text and "01632 960111" in text
    assert "Morgan Ashdown" not in text and "01632 960999" not in text
    # Another chair and no contact: not the settings' contact under another chair's name.
    other = letter(case_of(small_case(chair="Chair Person")), "mum")
    assert "01632 960999" not in other
    assert "ask the social worker, Wendy Social, Team A, how to contact me." in other
    # No chair named: the settings' chair signs, with their contact.
    unnamed = letter(case_of(small_case(chair="")), "mum")
    assert "**From:** Morgan Ashdown, conference chair" in unnamed
    assert "contact me: 01632 960999." in unnamed
    assert "Yours sincerely,\n\nMorgan Ashdown" in unnamed


def test_without_a_recipient_only_when_there_is_one() -> None:
    case = case_of(small_case())
    with pytest.raises(LetterNeedsRecipient) as caught:
        model_for(case, "c1", False, None, "letter")
    assert caught.value.keys == ("mum", "dad")
    data = small_case()
    data["conferences"][0]["attendees"] = [
        a for a in data["conferences"][0]["attendees"] if a["key"] != "dad"
    ]
    data["people"] = [p for p in data["people"] if p["key"] != "p_dad"]
    assert "Dear Mona," in letter(case_of(data), None)


def test_the_file_name_carries_the_key_never_a_name() -> None:
    case = demo()
    conf = case.conferences[0]
    name = default_filename(case, conf, "pdf", kind="letter", family_copy=False,
                            recipient="Carol Hadley")  # fmt: skip
    assert name == "DEMO-0001-2026-09-03-letter-carol.pdf"


# --- whatever the case holds ------------------------------------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), fmt=st.sampled_from(["md", "html", "docx", "pdf"]))
def test_every_letter_repeats_no_free_text_but_the_chair_s_contact(case, fmt) -> None:
    """Stronger than a family copy's rule: nothing typed into the case reaches a letter,
    confidential or not, but the chair's contact (the council's route) and the profile's
    complaints words; so nothing given in confidence, said while the reader was out of the
    room, or any address or phone number can."""
    data, tags = case
    doc = case_of(data)
    for who in family_recipients(doc, doc.conferences[0]):
        text = letter(doc, who.key, "c1", fmt)
        for tag, what in tags.items():
            assert (tag in text) == (what == "chair"), (what, who.key)
        assert ENGLAND_COMPLAINTS.split(".")[0] in text
        assert not JARGON.search(text) and not MARKS.search(text)


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def run(db_file: Path, tmp_path: Path, demo_data: dict[str, Any]):
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, list(args), catch_exceptions=False)

    case = tmp_path / "case.json"
    case.write_text(json.dumps(demo_data), encoding="utf-8")
    assert invoke("import", str(case)).exit_code == 0
    return invoke


EXPORT = ("export", "DEMO-0001", "--conference", "2026-09-03", "-d", "letter")


def test_export_a_letter_in_markdown_and_pdf(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(*EXPORT, "-f", "md", "--for", "carol")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Letter from the conference chair\n")
    assert "Dear Carol," in result.stdout and result.stderr == ""
    monkeypatch.chdir(tmp_path)
    result = run(*EXPORT, "-f", "pdf", "--for", "Carol Hadley")
    assert result.exit_code == 0, result.output
    written = tmp_path / "DEMO-0001-2026-09-03-letter-carol.pdf"
    assert result.stderr == f"Wrote the letter to carol of DEMO-0001 to {written.name}\n"
    text = pdf_text(written.read_bytes())
    assert "Dear Carol," in text and "Letter from the chair" in text
    assert "Ruby will have a child protection plan." in text


def test_export_a_letter_needs_whose(run) -> None:
    result = run(*EXPORT, "-f", "md")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "cpchair: a letter is to one person; choose whose with --for KEY: adv, jodie, liam, "
        "carol, sarah\n"
    )
    result = run(*EXPORT, "-f", "md", "--for", "sw")
    assert result.exit_code == 2 and "sw is a professional" in result.stderr


def test_export_a_restricted_reader_s_letter_asks_first(run) -> None:
    result = run(*EXPORT, "-f", "md", "--for", "jodie")
    assert result.exit_code == 1 and "Run again with --yes" in result.stderr
    result = run(*EXPORT, "-f", "md", "--for", "jodie", "--yes")
    assert result.exit_code == 0 and "Dear Jodie," in result.stdout
    assert "Flat 3" not in result.stdout
