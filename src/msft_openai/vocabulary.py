"""The report's one vocabulary: company names and colours, and the labels of every category.

Every chart and table takes its names, colours and labels from here, so "Amazon" is the same
word and the same orange on every page. Codes are the values stored in data/; labels are what a
reader sees. ``label(kind, code)`` fails loudly on a code nobody has named.
"""

from __future__ import annotations

from collections.abc import Iterable

# Company colours come from the Okabe–Ito palette, which stays distinguishable for colour-blind
# readers. Keys are the codes the tables use (counterparty, company, provider, holder).
COMPANIES: dict[str, tuple[str, str]] = {
    "microsoft": ("Microsoft", "#0072B2"),
    "openai": ("OpenAI", "#000000"),
    "openai_foundation": ("OpenAI Foundation", "#009E73"),
    "amazon": ("Amazon", "#E69F00"),
    "alphabet": ("Alphabet", "#D55E00"),
    "google": ("Google", "#D55E00"),
    "oracle": ("Oracle", "#CC79A7"),
    "meta": ("Meta", "#56B4E9"),
    "coreweave": ("CoreWeave", "#F0E442"),
    "nvidia": ("Nvidia", "#76B900"),
    "softbank": ("SoftBank", "#999999"),
    "amd": ("AMD", "#7F3C8D"),
    "broadcom": ("Broadcom", "#A5AA99"),
    "cerebras": ("Cerebras", "#6A3D9A"),
    "stargate": ("Stargate", "#882255"),
    "anthropic": ("Anthropic", "#CC6677"),
    "employees_and_investors": ("Employees and other investors", "#BBBBBB"),
    "other": ("Others", "#BBBBBB"),
    "total_market": ("Whole market", "#8C8C8C"),
}
OTHERS_COLOUR = "#BBBBBB"

LABELS: dict[str, dict[str, str]] = {
    "status": {
        "company_disclosure": "company statement or filing",
        "press_report": "press report",
        "derived": "our derivation",
    },
    "status_letter": {"company_disclosure": "C", "press_report": "P", "derived": "D"},
    "tier": {"primary": "Primary document", "outlet": "Established news outlet", "secondary": "Secondary site"},
    "favours": {"microsoft": "Microsoft", "openai": "OpenAI", "neutral": "Neutral", "not_applicable": "Not applicable"},
    "stance": {
        "favours_microsoft": "Favours Microsoft",
        "favours_openai": "Favours OpenAI",
        "balanced": "Balanced",
        "skeptical": "Skeptical",
    },
    "verdict": {
        "confirmed": "Confirmed",
        "imprecise": "Imprecise",
        "contradicted": "Contradicted",
        "unverifiable": "Unverifiable",
        "outdated": "Outdated",
    },
    "valuation_event": {
        "funding_round": "Funding round",
        "secondary_sale": "Sale of existing shares",
        "tender_offer": "Tender offer",
        "reported_talks": "Reported talks",
    },
    "valuation_basis": {
        "post_money": "Post-money",
        "pre_money": "Pre-money",
        "secondary": "Price of existing shares",
        "unspecified": "Not specified",
    },
    "deal_type": {
        "cloud_services": "Cloud services",
        "chips": "Chips",
        "data_center_capacity": "Data-centre capacity",
        "equity_and_chips": "Equity and chips",
        "other": "Other",
    },
    "instrument": {
        "definitive_contract": "Definitive contract",
        "letter_of_intent": "Letter of intent",
        "partnership_announcement": "Partnership announcement",
        "reported": "Press-reported value",
    },
    "development": {
        "partnership": "The partnership",
        "corporate": "Results and corporate",
        "compute": "Compute deals",
        "funding": "Funding",
        "microsoft_strategy": "Microsoft's strategy",
        "regulatory": "Regulation and courts",
        "other": "Other",
    },
    "research_firm": {"synergy": "Synergy Research Group", "canalys": "Canalys (Omdia)"},
}


def company(code: str) -> str:
    """The display name of a company code: ``company("amazon") == "Amazon"``."""
    try:
        return COMPANIES[code][0]
    except KeyError:
        raise KeyError(f"no company named {code!r}; add it to msft_openai.vocabulary.COMPANIES") from None


def company_colour(code: str) -> str:
    return COMPANIES[code][1] if code in COMPANIES else OTHERS_COLOUR


def colour_of_name(name: str) -> str:
    """The house colour of a company by its display name (for charts that show names)."""
    for label, colour in COMPANIES.values():
        if label == name:
            return colour
    raise KeyError(f"no house colour for {name!r}; add it to msft_openai.vocabulary.COMPANIES")


def label(kind: str, code: str) -> str:
    """The reader's word for a stored code, e.g. ``label("verdict", "outdated") == "Outdated"``."""
    try:
        return LABELS[kind][code]
    except KeyError:
        raise KeyError(f"no label for {code!r} in {kind!r}; add it to msft_openai.vocabulary.LABELS") from None


def labels(kind: str, codes: Iterable[str]) -> list[str]:
    return [label(kind, code) for code in codes]
