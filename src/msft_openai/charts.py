"""The chart theme and the one call that publishes a chart.

``figure(name, chart, data=..., source=...)`` glues a chart for a ``{glue:figure}`` directive.
The glued output carries three representations, and the book picks one per builder:

- ``text/html`` for the site: the Vega-Lite spec inline plus a call to vega-embed, which the
  site serves from its own ``_static`` folder (no CDN), a source line and a CSV download of
  exactly the data the chart shows;
- ``image/svg+xml`` for the PDF: a vector rendering made by vl-convert, with the source line
  added to the subtitle, converted to PDF by rsvg-convert at LaTeX time;
- ``text/plain``: the data table, so an nbval failure shows which number changed.

Element ids are derived from the spec's content, so re-running an unchanged notebook writes the
same bytes.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import json

import altair as alt
import pandas as pd
import vl_convert

from .sources import Source
from .vocabulary import COMPANIES

# Company colours by display name, from the one vocabulary (msft_openai.vocabulary).
COMPANY_COLOURS = {name: colour for name, colour in COMPANIES.values()}
ACCENT = "#0072B2"
MUTED = "#8C8C8C"
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
WIDTH = 620  # the width of the book's text column, in CSS pixels
HEIGHT = 320
VEGA_LITE_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "background": "#ffffff",
            "font": FONT,
            "title": {
                "anchor": "start",
                "fontSize": 15,
                "fontWeight": "bold",
                "subtitleFontSize": 12,
                "subtitleColor": "#555555",
                "offset": 12,
            },
            "axis": {
                "labelFontSize": 11,
                "titleFontSize": 12,
                "gridColor": "#e6e6e6",
                "domainColor": "#888888",
                "tickColor": "#888888",
                "titleFontWeight": "normal",
            },
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom", "titleFontWeight": "normal"},
            "range": {"category": list(dict.fromkeys(COMPANY_COLOURS.values()))},
            "bar": {"color": ACCENT},
            "line": {"color": ACCENT, "strokeWidth": 2},
            "point": {"color": ACCENT, "filled": True, "size": 50},
        }
    }


alt.theme.register("msft_openai", enable=True)(_theme)


def company_scale(companies) -> alt.Scale:
    """A colour scale that gives each company its house colour."""
    companies = list(dict.fromkeys(companies))
    unknown = [c for c in companies if c not in COMPANY_COLOURS]
    if unknown:
        raise KeyError(f"no house colour for {unknown}; add it to msft_openai.vocabulary.COMPANIES")
    return alt.Scale(domain=companies, range=[COMPANY_COLOURS[c] for c in companies])


def _without_nan(value):
    """JSON has no NaN: a missing value in the chart's data becomes null."""
    if isinstance(value, dict):
        return {key: _without_nan(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_nan(item) for item in value]
    if isinstance(value, float) and value != value:
        return None
    return value


def _marks_without_aria(value):
    """Hide the individual marks from assistive technology: the chart as a whole carries the
    description (alt text), and unlabelled mark groups otherwise read as images with no name."""
    if isinstance(value, dict):
        result = {key: _marks_without_aria(item) for key, item in value.items()}
        mark = result.get("mark")
        if isinstance(mark, str):
            result["mark"] = {"type": mark, "aria": False}
        elif isinstance(mark, dict):
            result["mark"] = {**mark, "aria": False}
            # A line's points and an area's outline are marks of their own in the compiled
            # chart, and do not inherit the line's aria setting.
            for overlay in ("point", "line"):
                if mark.get(overlay) is True or isinstance(mark.get(overlay), dict):
                    extra = mark[overlay] if isinstance(mark[overlay], dict) else {}
                    result["mark"][overlay] = {**extra, "aria": False}
        return result
    if isinstance(value, list):
        return [_marks_without_aria(item) for item in value]
    return value


class PublishedChart:
    """A chart as the book publishes it: interactive in HTML, vector in the PDF."""

    def __init__(self, chart: alt.TopLevelMixin, data: pd.DataFrame, name: str, source: str, description: str):
        if not source:
            raise ValueError(f"chart {name!r} needs a source line")
        if not description:
            raise ValueError(f"chart {name!r} needs a description (its alt text)")
        self.name, self.data, self.source, self.description = name, data, source, description
        self.spec = _marks_without_aria(_without_nan(chart.properties(description=description).to_dict()))
        self.csv = data.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")

    @property
    def element_id(self) -> str:
        digest = hashlib.sha256(json.dumps(self.spec, sort_keys=True).encode()).hexdigest()[:10]
        return f"chart-{self.name}-{digest}"

    def html(self) -> str:
        spec_json = json.dumps(self.spec, sort_keys=True, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")
        csv_href = "data:text/csv;charset=utf-8;base64," + base64.b64encode(self.csv.encode()).decode()
        element = self.element_id
        # The same chart as a static picture paints with the page; the interactive chart
        # replaces it once the vega bundle has loaded (report.js), and it stays if that fails.
        static = "data:image/svg+xml;base64," + base64.b64encode(self.static_svg().encode()).decode()
        return (
            f'<figure class="report-chart" aria-label="{html.escape(self.description)}">'
            f'<img class="report-chart-static" alt="" elementtiming="report-chart" src="{static}">'
            f'<div class="report-chart-canvas" id="{element}"></div>'
            f'<script type="application/json" id="{element}-spec">{spec_json}</script>'
            f'<p class="report-chart-source">Source: {html.escape(self.source)}. '
            f'<a download="{self.name}.csv" href="{csv_href}">Download the data shown (CSV)</a></p>'
            f"</figure>"
        )

    def static_svg(self) -> str:
        """The chart as the page first shows it: the interactive chart's first state, drawn."""
        return vl_convert.vegalite_to_svg(self.spec, vl_version=VEGA_LITE_VERSION)

    def svg(self) -> str:
        spec = copy.deepcopy(self.spec)
        title = spec.get("title", {})
        title = {"text": title} if isinstance(title, (str, list)) else title
        subtitle = title.get("subtitle", [])
        subtitle = [subtitle] if isinstance(subtitle, str) else list(subtitle)
        title["subtitle"] = subtitle + [f"Source: {self.source}"]
        spec["title"] = title
        return vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/plain": f"Chart {self.name!r}, data shown:\n{self.data.to_string(index=False)}",
            "text/html": self.html(),
            "image/svg+xml": self.svg(),
        }


def source_line(
    rows: pd.DataFrame, sources: dict[str, Source] | None = None, *, through: str | None = None, most: int = 4
) -> str:
    """ "Microsoft; Reuters; CNBC and 2 more; data through FY2026 Q3", from the rows a chart shows:
    their sources' publishers, most-cited first."""
    if sources is None:
        from .data import package

        sources = package().sources
    if "source" not in rows.columns:
        raise ValueError("a chart's rows need a 'source' column: the source line is made from it")
    counts = rows["source"].dropna().map(lambda key: sources[key].publisher).value_counts(sort=False)
    publishers = sorted(counts.index, key=lambda name: (-counts[name], name))
    text = "; ".join(publishers[:most])
    if len(publishers) > most:
        text += f" and {len(publishers) - most} more"
    if through:
        text += f"; data through {through}"
    return text or "the report's own derivation"


def figure(
    name: str,
    chart: alt.TopLevelMixin,
    *,
    data: pd.DataFrame,
    description: str,
    rows: pd.DataFrame | None = None,
    source: str | None = None,
    through: str | None = None,
) -> PublishedChart:
    """Glue ``chart`` under ``name`` for a ``{glue:figure}`` directive and return it.

    The source line is made from ``rows`` (the data rows the chart shows, with their ``source``
    keys) and ``through`` (the latest period shown); ``source`` overrides it for charts whose
    rows carry no source column."""
    from myst_nb import glue

    line = source if source is not None else source_line(rows if rows is not None else data, through=through)
    published = PublishedChart(chart, data, name, line, description)
    glue(name, published, display=False)
    return published
