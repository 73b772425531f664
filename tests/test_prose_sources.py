"""Citations in the chapters' prose: the evidence rule for data rows does not yet cover them all.

A data row may never rest on a secondary site alone (the loader refuses it). Prose still cites
secondary sites in places, mostly for quoted words read in a reprint. Until each is replaced by
the original publisher, their number may only fall.
"""

from __future__ import annotations

import re

from msft_openai.data import repo_root
from msft_openai.sources import read_bibliography

ROOT = repo_root()
# Secondary sites cited in the chapters' prose at the edition of 4 December 2026.
SECONDARY_CITED_IN_PROSE_AT_MOST = 19
CITE = re.compile(r"\{cite:[pt]\}`([^`]+)`")


def secondary_citations(root=ROOT) -> set[tuple[str, str]]:
    sources = read_bibliography(sorted((root / "book" / "references").glob("*.bib")))
    cited = set()
    for page in sorted((root / "book").glob("*.md")):
        for match in CITE.finditer(page.read_text(encoding="utf-8")):
            for key in (part.strip() for part in match.group(1).split(",")):
                if key in sources and sources[key].tier in ("secondary", None):
                    cited.add((page.stem, key))
    return cited


def test_secondary_sites_cited_in_prose_only_become_fewer():
    cited = secondary_citations()
    assert len(cited) <= SECONDARY_CITED_IN_PROSE_AT_MOST, (
        f"{len(cited)} secondary sources cited in prose (at most {SECONDARY_CITED_IN_PROSE_AT_MOST}); "
        f"cite the original publisher instead: {sorted(cited)[:10]}"
    )
