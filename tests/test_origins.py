"""Independent origins from wire credits and text reuse."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.errors import ParameterError
from analysis.sources.wire_credits import find_credits, primary_credit, split_wire
from tests.conftest import article_frame

AFP, CNEWS, SITE34, REUTERS, YONHAP = ("000_7b7c7d69851d0b2e", "001_54d67b54892901e9", "002_7567d1e6eaa96bea",
                                       "003_4f2c14c7a6e8c335", "004_ea76408ea7aed2fe")


@pytest.fixture(scope="module")
def seed_origins(seed_articles):
    return analysis.origins(seed_articles).set_index("article_id")


def test_seed_origins_hand_checked(seed_origins):
    o = seed_origins
    assert o["origin_id"].nunique() == 4  # five articles, four origins
    assert o.loc[AFP, "origin_id"] == o.loc[SITE34, "origin_id"]
    assert o.loc[AFP, "origin_label"] == o.loc[SITE34, "origin_label"] == "AFP"
    assert o.loc[REUTERS, "origin_label"] == "Reuters" and o.loc[YONHAP, "origin_label"] == "Yonhap"
    assert o.loc[CNEWS, "origin_size"] == 1 and o.loc[AFP, "origin_size"] == 2
    assert o.loc[AFP, "basis"].startswith("wire credit: AFP (wire column")
    assert o.loc[SITE34, "basis"].startswith(f"text reuse with {AFP} (containment 0.2")
    assert o.loc[CNEWS, "basis"].startswith("independent")
    assert o.loc[SITE34, "credit"] == "" and o.loc[AFP, "credit"] == "AFP"
    assert list(o.index) == [AFP, CNEWS, SITE34, REUTERS, YONHAP]  # input order kept
    assert list(o["origin_id"]) == ["O1", "O2", "O1", "O3", "O4"]


def test_body_credits_without_wire_column(seed_articles):
    arts = seed_articles.assign(wire="", outlet="some site")
    o = analysis.origins(arts).set_index("article_id")
    # found in the bodies: "told AFP" x3, "filmed by Reuters"/"told Reuters", "By Yonhap"/"(Yonhap)"
    assert o.loc[AFP, "credit"] == "AFP" and "told AFP' x3" in o.loc[AFP, "basis"]
    assert o.loc[REUTERS, "credit"] == "Reuters"
    assert o.loc[YONHAP, "credit"] == "Yonhap" and "stated" in o.loc[YONHAP, "basis"]
    assert o["origin_id"].nunique() == 4


def test_reuse_only_mode(seed_articles):
    o = analysis.origins(seed_articles, use_credits=False).set_index("article_id")
    assert o["origin_id"].nunique() == 4
    assert o.loc[AFP, "origin_label"] == "NDTV"  # the group's first article's outlet
    assert (o["credit"] == "").all()


@pytest.mark.parametrize("text, expected", [
    ("SEOUL (Reuters) - North Korea fired a missile.", [("Reuters", 0)]),
    ("North Korea fired a missile, officials said. (Yonhap)", [("Yonhap", 0)]),
    ("By Yonhap\nNorth Korea fired a missile.", [("Yonhap", 0)]),
    ("North Korea fired a missile.\n- AFP", [("AFP", 0)]),
    ("North Korea fired a missile.\nWith inputs from PTI", [("PTI", 0)]),
    ("KYIV (AFP/Reuters) - Strikes hit the city.", [("AFP", 0), ("Reuters", 0)]),
    ("An official told Reuters the launch failed.", [("Reuters", 1)]),
    ("Footage filmed by Reuters shows debris.", [("Reuters", 1)]),
    ("Reuters could not independently verify the report.", [("Reuters", 1)]),
    ("The agency said so, AFP reported.", [("AFP", 2)]),
    ("The ministry said so, according to Agence France-Presse.", [("AFP", 2)]),
    # mentions that are not credits
    ("A Reuters journalist was killed in the strike.", []),
    ("Reuters and AFP are news agencies.", []),
    ("REUTERS/Kim Hong-Ji", []),
    ("The rockets hit a target 365 kilometers away, KCNA reported.", []),
    ("The Andhra Pradesh (APA) government met.", []),
])
def test_credit_patterns(text, expected):
    assert [(c.agency, c.tier) for c in find_credits(text)] == expected


def test_primary_credit_prefers_stated_then_frequency():
    credits = find_credits("Officials told AFP and told AFP again, Reuters reported. (Reuters)")
    assert primary_credit(credits).agency == "Reuters"  # the stated credit wins over two 'told AFP'
    credits = find_credits("Officials told AFP. A source told AFP. A minister told Reuters.")
    assert primary_credit(credits).agency == "AFP"
    assert primary_credit([]) is None
    assert split_wire("AFP/Reuters") == ["AFP", "Reuters"]
    assert split_wire("Agence France-Presse and Associated Press") == ["AFP", "AP"]
    assert split_wire(None) == [] and split_wire(float("nan")) == []


PARAGRAPH = ("The ministry said the shipment of artillery shells crossed the border at night and was "
             "unloaded at a depot near the port, according to satellite images reviewed by analysts. "
             "The images show dozens of rail cars and trucks waiting beside the warehouses for several days.")


def test_reuse_chains_transitively_and_credits_propagate():
    arts = article_frame("Intro one. " + PARAGRAPH, "Intro two. " + PARAGRAPH + " Extra.", "Other text entirely.",
                         ids=["a", "b", "c"])
    arts["wire"] = ["", "AFP", ""]
    o = analysis.origins(arts).set_index("article_id")
    assert o.loc["a", "origin_id"] == o.loc["b", "origin_id"] != o.loc["c", "origin_id"]
    assert o.loc["a", "origin_label"] == "AFP" and o.loc["a", "basis"].startswith("text reuse with b")
    assert o.loc["c", "basis"] == "independent"


def test_reuse_never_merges_two_different_credits():
    arts = article_frame("Intro one. " + PARAGRAPH, "Intro two. " + PARAGRAPH, ids=["a", "b"])
    arts["wire"] = ["AFP", "Reuters"]
    o = analysis.origins(arts).set_index("article_id")
    assert o.loc["a", "origin_id"] != o.loc["b", "origin_id"]
    assert "but credits differ" in o.loc["a", "basis"]


def test_shared_quote_alone_does_not_link():
    quote = ('"We will keep strengthening cooperation to address the weapons of mass destruction and '
             'ballistic missile programmes of the North," she said.')
    arts = article_frame("The envoy spoke in New York on Tuesday. " + quote, "At the briefing: " + quote)
    assert analysis.origins(arts)["origin_id"].nunique() == 2


def test_thresholds_and_errors(seed_articles):
    strict = analysis.origins(seed_articles, min_containment=0.5, min_passage_words=1000)
    assert strict.set_index("article_id").loc[SITE34, "origin_id"] != strict.set_index("article_id").loc[AFP, "origin_id"]
    with pytest.raises(ParameterError):
        analysis.origins(seed_articles, min_containment=0)
    with pytest.raises(ParameterError):
        analysis.origins(seed_articles, min_passage_words=0)
    with pytest.raises(ValueError, match="needs columns"):
        analysis.origins(pd.DataFrame({"article_id": ["a"]}))
    empty = analysis.origins(article_frame())
    assert empty.empty and list(empty.columns)[:4] == ["article_id", "origin_id", "origin_label", "basis"]
