"""The bank holidays cpchair ships (data/calendar/bank_holidays.json) are the `holidays`
package's, year by year from 2000 to 2040, so that counting working days never needs the
package loaded. When a new version of `holidays` knows a new holiday (a coronation, a
jubilee), this fails: CPCHAIR_WRITE_CALENDAR=1 writes the file again from it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import holidays
import pytest

from cpchair.rules.calendar import REGIONS, SHIPPED_YEARS, is_bank_holiday, is_working_day

FILE = Path(__file__).parents[2] / "data" / "calendar" / "bank_holidays.json"


def _from_the_package() -> dict[str, list[str]]:
    return {
        region: sorted(
            d.isoformat()
            for d in holidays.country_holidays(country, subdiv=subdiv, years=list(SHIPPED_YEARS))
        )
        for region, (country, subdiv) in REGIONS.items()
    }


def test_the_shipped_bank_holidays_are_the_packages_from_2000_to_2040() -> None:
    expected = _from_the_package()
    if os.environ.get("CPCHAIR_WRITE_CALENDAR"):
        FILE.write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")
    assert json.loads(FILE.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_every_day_counts_as_the_package_would_have_it(region: str) -> None:
    country, subdiv = REGIONS[region]
    package = holidays.country_holidays(country, subdiv=subdiv)
    day, last = dt.date(1999, 12, 1), dt.date(2041, 2, 1)  # a little beyond the data, too
    while day <= last:
        assert is_bank_holiday(day, region) == (day in package), day
        assert is_working_day(day, region) == (day.weekday() < 5 and day not in package), day
        day += dt.timedelta(days=1)


def test_an_unknown_region_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown region"):
        is_working_day(dt.date(2026, 12, 1), "atlantis")
