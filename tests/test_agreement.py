"""Source x claim matrix, claim frequency with independent origins, pairwise agreement."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.errors import ParameterError


def claims_frame(rows):
    """rows: (article_id, claim_id, stance[, speaker])."""
    out = pd.DataFrame([r + ("",) * (4 - len(r)) for r in rows],
                       columns=["article_id", "claim_id", "stance", "speaker"])
    out["sentence_id"] = range(len(out))
    out["start"], out["end"], out["sentence"] = 0, 1, "s"
    return out


# Shaped like the seeds: 000 (AFP) asserts C03 and reports Kim Yo Jong's denial;
# 002 (AFP rewrite) asserts C03; 004 (Yonhap) asserts C04; 001 hedges C11.
SEEDLIKE = claims_frame([
    ("000", "C03", "asserts", "South Korea"), ("000", "C03", "denies", "Kim Yo Jong"),
    ("000", "C07", "asserts", "Kim Yo Jong"), ("002", "C03", "asserts", "South Korea"),
    ("002", "C07", "asserts", "Kim Yo Jong"), ("004", "C04", "asserts", "US official"),
    ("004", "C03", "asserts", "White House"), ("001", "C11", "hedged", "experts"),
    ("001", "C03", "denies", "Moscow and Pyongyang"),
])
ORIGINS = pd.DataFrame({"article_id": ["000", "001", "002", "004"], "origin_id": ["O1", "O2", "O1", "O4"],
                        "outlet": ["NDTV", "Cnews Live", "site-34", "Yonhap"]})


def test_matrix_precedence_asserts_over_hedged_over_denies():
    m = analysis.source_claim_matrix(SEEDLIKE)
    assert list(m.index) == ["000", "001", "002", "004"] and m.index.name == "article_id"
    assert list(m.columns) == ["C03", "C04", "C07", "C11"]
    assert m.loc["000", "C03"] == "asserts"  # asserts beats the reported denial
    assert m.loc["001", "C03"] == "denies" and m.loc["001", "C11"] == "hedged"
    assert pd.isna(m.loc["002", "C04"])
    two = claims_frame([("x", "C1", "denies"), ("x", "C1", "hedged")])
    assert analysis.source_claim_matrix(two).loc["x", "C1"] == "hedged"


def test_matrix_by_speaker_and_by_outlet():
    by_speaker = analysis.source_claim_matrix(SEEDLIKE, by="speaker")
    assert by_speaker.loc["Kim Yo Jong", "C03"] == "denies"
    assert by_speaker.loc["South Korea", "C03"] == "asserts"
    by_outlet = analysis.source_claim_matrix(SEEDLIKE, by="outlet", articles=ORIGINS)
    assert list(by_outlet.index) == ["Cnews Live", "NDTV", "Yonhap", "site-34"]
    by_origin = analysis.source_claim_matrix(SEEDLIKE, by="origin_id", articles=ORIGINS)
    assert by_origin.loc["O1", "C07"] == "asserts" and len(by_origin) == 3


def test_matrix_errors():
    with pytest.raises(ParameterError, match="by='outlet'"):
        analysis.source_claim_matrix(SEEDLIKE, by="outlet")
    bad = SEEDLIKE.assign(stance=["asserts"] * 8 + ["maybe"])
    with pytest.raises(ParameterError, match="'maybe'"):
        analysis.source_claim_matrix(bad)
    with pytest.raises(ValueError, match="needs columns stance"):
        analysis.source_claim_matrix(SEEDLIKE.drop(columns="stance"))


def test_claim_frequency_counts_articles_and_independent_origins():
    freq = analysis.claim_frequency(SEEDLIKE, ORIGINS).set_index("claim_id")
    c03 = freq.loc["C03"]
    # each article once, in its strongest stance: the article that asserts and reports a denial asserts
    assert (c03.n_articles, c03.n_asserts, c03.n_hedged, c03.n_denies) == (4, 3, 0, 1)
    assert (freq[["n_asserts", "n_hedged", "n_denies", "n_reported"]].sum(axis=1) == freq["n_articles"]).all()
    # 000 and 002 are one AFP origin: three asserting articles, two origins
    assert c03.n_origins == 2 and c03.origin_ids == ["O1", "O4"]
    assert c03.articles == ["000", "001", "002", "004"]
    assert freq.loc["C07", "n_origins"] == 1 and freq.loc["C07", "n_articles"] == 2
    assert freq.index[0] == "C03"  # most origins first
    no_origins = analysis.claim_frequency(SEEDLIKE).set_index("claim_id")
    assert no_origins.loc["C03", "n_origins"] == 3  # every article its own origin: an upper bound
    denied_only = analysis.claim_frequency(claims_frame([("a", "C1", "denies")]))
    assert denied_only.iloc[0].n_origins == 0 and denied_only.iloc[0].n_denies == 1


def test_pairwise_agreement_hand_computed_kappa():
    c = claims_frame([("a", "C1", "asserts"), ("a", "C2", "asserts"), ("b", "C1", "hedged"),
                      ("b", "C2", "denies"), ("b", "C4", "denies"), ("z", "C3", "asserts")])
    pw = analysis.pairwise_agreement(c, min_shared=0).set_index(["source_a", "source_b"])
    ab = pw.loc[("a", "b")]
    assert (ab.n_claims_a, ab.n_claims_b, ab.n_shared_claims) == (2, 3, 2)
    assert (ab.n_agree, ab.n_conflict, ab.n_same_stance) == (1, 1, 0)
    assert ab.agreement == 0.5 and ab.jaccard == pytest.approx(2 / 3)
    # claims C1..C4; a: for, for, silent, silent; b: for, against, silent, against
    # p_obs = 2/4, p_exp = .5*.25 + 0*.5 + .5*.25 = .25, kappa = .25/.75
    assert ab.kappa == pytest.approx(1 / 3)
    assert np.isnan(pw.loc[("a", "z")].agreement) and pw.loc[("a", "z")].n_shared_claims == 0
    assert len(analysis.pairwise_agreement(c)) == 1  # default drops pairs with nothing shared


def test_pairwise_agreement_by_outlet_and_errors():
    pw = analysis.pairwise_agreement(SEEDLIKE, by="outlet", articles=ORIGINS)
    row = pw[(pw.source_a == "NDTV") & (pw.source_b == "site-34")].iloc[0]
    assert row.n_shared_claims == 2 and row.agreement == 1.0 and row.kappa == pytest.approx(1.0)
    conflict = pw[(pw.source_a == "Cnews Live") & (pw.source_b == "NDTV")].iloc[0]
    assert conflict.n_conflict == 1  # Cnews carries only the denial of C03, NDTV asserts it
    with pytest.raises(ParameterError):
        analysis.pairwise_agreement(SEEDLIKE, min_shared=-1)
    assert analysis.pairwise_agreement(SEEDLIKE.iloc[:0]).empty


STANCE_ROWS = st.lists(st.tuples(st.sampled_from("abcde"), st.sampled_from(["C1", "C2", "C3", "C4"]),
                                 st.sampled_from(["asserts", "hedged", "denies"])), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(rows=STANCE_ROWS)
def test_property_agreement_invariants(rows):
    c = claims_frame(rows)
    pw = analysis.pairwise_agreement(c, min_shared=0)
    m = analysis.source_claim_matrix(c)
    assert len(pw) == len(m) * (len(m) - 1) // 2
    assert (pw.n_agree + pw.n_conflict == pw.n_shared_claims).all()
    assert (pw.n_same_stance <= pw.n_agree).all()
    shared = pw[pw.n_shared_claims > 0]
    assert ((shared.agreement >= 0) & (shared.agreement <= 1)).all()
    assert ((pw.jaccard.fillna(0) >= 0) & (pw.jaccard.fillna(0) <= 1)).all()
    assert (pw.kappa.dropna() <= 1 + 1e-9).all()
    freq = analysis.claim_frequency(c)
    assert (freq.n_articles <= freq.n_asserts + freq.n_hedged + freq.n_denies).all()
    assert freq.n_sentences.sum() == len(c)


def test_seed_claims_counted_by_independent_origin(seed_articles):
    claims = analysis.tag_claims(seed_articles)
    groups = analysis.origins(seed_articles)
    freq = analysis.claim_frequency(claims, groups)
    assert (freq.n_origins <= freq.n_articles).all()
    afp = {a for a in seed_articles.article_id if a[:3] in ("000", "002")}
    both = freq[freq.articles.map(lambda ids: afp <= set(ids))]
    assert len(both) > 0
    for row in both.itertuples():
        supporting = set(claims[(claims.claim_id == row.claim_id) & (claims.stance != "denies")].article_id)
        if afp <= supporting:  # the AFP copy and its rewrite count once
            assert row.n_origins == len(supporting) - 1
    # no bar beyond the corpus: each article counts once per claim
    classes = freq[["n_asserts", "n_hedged", "n_denies", "n_reported"]].sum(axis=1)
    assert (classes == freq.n_articles).all() and (freq.n_articles <= len(seed_articles)).all()
    matrix = analysis.source_claim_matrix(claims, by="outlet", articles=seed_articles)
    assert set(matrix.index) == set(seed_articles.outlet)
    # an outlet reporting "Both Moscow and Pyongyang have denied ..." is not a denier (issue 12)
    assert not (matrix == "denies").any().any()
    assert matrix.loc["Reuters", "C03"] in ("asserts", "hedged", "reports")
    by_speaker = analysis.source_claim_matrix(claims, by="speaker")
    assert by_speaker.loc["North Korea", "C03"] == "denies" and by_speaker.loc["Russia", "C03"] == "denies"
    pairs = analysis.pairwise_agreement(claims, by="outlet", articles=seed_articles)
    assert ((pairs.agreement >= 0) & (pairs.agreement <= 1)).all()
