"""Tiny hand-made tables for the analysis functions' unit tests."""

from __future__ import annotations

import pandas as pd
import pytest

from msft_openai.data import Package


@pytest.fixture(scope="session")
def make_table():
    """``make_table("openai_valuations", [{...}, ...])``: a frame shaped like the loaded table
    (its name and primary key in ``attrs``, dates as timestamps), holding only the given rows."""
    package = Package()

    def build(name: str, records: list[dict]) -> pd.DataFrame:
        fields = package.resource(name)["schema"]["fields"]
        frame = pd.DataFrame(records)
        for field in fields:
            if field["name"] in frame.columns and field.get("type") == "date":
                frame[field["name"]] = pd.to_datetime(frame[field["name"]])
        frame.attrs["table"] = name
        frame.attrs["primary_key"] = package.primary_key(name)
        return frame

    return build
