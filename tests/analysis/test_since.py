"""The "since" chapter's functions on tiny tables."""

from __future__ import annotations

import pandas as pd
import pytest

from msft_openai.analysis import since


@pytest.fixture
def events(make_table):
    return since.developments(
        make_table(
            "developments_since",
            [
                {
                    "event_id": "e2",
                    "date": "2025-11-03",
                    "category": "compute",
                    "title": "AWS",
                    "overtakes_claim_ids": "c35",
                    "source": "b",
                },
                {
                    "event_id": "e1",
                    "date": "2025-10-28",
                    "category": "partnership",
                    "title": "Deal",
                    "overtakes_claim_ids": None,
                    "source": "a",
                },
                {
                    "event_id": "e3",
                    "date": "2026-05-18",
                    "category": "regulatory",
                    "title": "Verdict",
                    "overtakes_claim_ids": "c35 c07",
                    "source": "c",
                },
            ],
        )
    )


def test_developments_run_in_date_order_with_one_kind_each(events):
    assert list(events["event_id"]) == ["e1", "e2", "e3"]
    counts = since.kind_counts(events)
    assert counts.sum() == len(events) and counts["Regulation and courts"] == 1


def test_a_development_of_unknown_kind_is_refused(make_table):
    with pytest.raises(KeyError):
        since.developments(
            make_table(
                "developments_since",
                [{"event_id": "x", "date": "2026-01-01", "category": "rumour", "overtakes_claim_ids": None}],
            )
        )


def test_a_claim_counts_as_overtaken_once_at_its_first_development(events):
    first = since.first_overtaken(events)
    assert first == {"c35": pd.Timestamp("2025-11-03"), "c07": pd.Timestamp("2026-05-18")}


def test_steps_add_only_newly_overtaken_claims_and_end_at_the_as_of_date(events):
    claims = pd.DataFrame({"claim_id": ["c35", "c07"], "translation_en": ["Amazon", "Total"]})
    steps = since.overtaken_steps(events, claims, "2026-11-30")
    assert list(steps["claims_overtaken"]) == [0, 1, 2, 2]
    assert steps["newly_overtaken"].iloc[2] == "c07: Total"


def test_months_between_counts_calendar_months():
    assert since.months_between("2025-10-28", "2026-07-29") == 9
