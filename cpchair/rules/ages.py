"""Ages as a chair says them: whole years, months for babies, unborn with a due date."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta


def age_on(born: dt.date, on: dt.date) -> relativedelta:
    return relativedelta(on, born)


def unborn_on(date_of_birth: dt.date | None, on: dt.date) -> bool:
    """Not yet born on that day: no date of birth yet, or one after it (a conference held
    before the birth is judged as it stood that day, whatever has been recorded since)."""
    return date_of_birth is None or date_of_birth > on


def describe_age(
    date_of_birth: dt.date | None, expected_birth_date: dt.date | None, on: dt.date
) -> str:
    if date_of_birth is None:
        if expected_birth_date is None:
            return "unborn"
        return f"unborn, due {expected_birth_date.strftime('%b %Y')}"
    if date_of_birth > on:
        return "not yet born"
    age = age_on(date_of_birth, on)
    if age.years >= 2:
        return f"{age.years}"
    months = age.years * 12 + age.months
    if months >= 1:
        return f"{months} mo"
    weeks = (on - date_of_birth).days // 7
    return f"{weeks} wk"
