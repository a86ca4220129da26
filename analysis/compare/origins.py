"""Independent origins: which articles are really the same story.

Five articles repeating a claim are five confirmations only if they were
reported independently.  :func:`origins` groups articles that share an
origin, from two kinds of evidence:

**Wire credits** (:mod:`analysis.sources.wire_credits`).  An article's primary
credit is its strongest stated credit: the ``wire`` column or an outlet that
is itself an agency; else a dateline/byline/sign-off credit in the body; else
newsgathering by an agency ("told AFP", "filmed by Reuters"); else a citation
("AFP reported").  All articles whose primary credit names the same agency
form one origin — they carry that agency's reporting.  An agency merely
mentioned ("a Reuters journalist was killed") is no credit.

**Text reuse** (:func:`analysis.reuse_summary`, passages quoted in both
articles excluded, since quoting the same statement is not copying).  Two
articles are linked when the larger of their two containments reaches
``min_containment`` (default 0.15: at least 15 % of one body is text shared
with the other) or their longest shared passage reaches
``min_passage_words`` (default 40 words, a whole copied paragraph).  Links
are applied strongest first and are transitive (A copies B, C copies A: one
origin), except that a link never merges two groups credited to *different*
agencies: an AFP story and a Reuters story sharing a sentence stay apart, and
the skipped link is named in the basis.

Everything else is its own origin ("independent" — meaning no evidence of a
shared origin was found, not proof of independent reporting).
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import ParameterError
from analysis.compare.reuse import reuse_article_ids, reuse_summary
from analysis.checks import require_columns
from analysis.sources.wire_credits import AGENCIES, TIER_NAMES, canonical_agency, find_credits, primary_credit, split_wire

ORIGIN_COLUMNS = ["article_id", "origin_id", "origin_label", "basis", "credit", "origin_size"]


class _Groups:
    """Union-find over article positions that remembers each group's credit."""

    def __init__(self, credits: list[str]) -> None:
        self.parent = list(range(len(credits)))
        self.credit = [{c} if c else set() for c in credits]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, *, force: bool = False) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if not force and self.credit[ri] and self.credit[rj] and self.credit[ri] != self.credit[rj]:
            return False
        self.parent[rj] = ri
        self.credit[ri] |= self.credit[rj]
        return True


def _describe(credits, wire_names, outlet_is_agency) -> tuple[str, str]:
    """Primary credit name and a short human-readable evidence string."""
    best = primary_credit(credits)
    stated = ("wire column", wire_names[0]) if wire_names else (
        ("outlet is the agency", outlet_is_agency) if outlet_is_agency else None)
    if stated:
        also = f"; body: '{best.surface}'" if best is not None and best.agency == stated[1] else ""
        return stated[1], stated[0] + also
    if best is None:
        return "", ""
    same = [c for c in credits if c.agency == best.agency and c.tier == best.tier]
    surfaces: dict[str, int] = {}
    for c in same:
        surfaces[c.surface] = surfaces.get(c.surface, 0) + 1
    listed = "; ".join(f"'{s}'" + (f" x{n}" if n > 1 else "") for s, n in list(surfaces.items())[:3])
    return best.agency, f"{TIER_NAMES[best.tier]}: {listed}"


def origins(articles: pd.DataFrame, reuse: pd.DataFrame | None = None, *,
            min_containment: float = 0.15, min_passage_words: int = 40, use_credits: bool = True,
            **reuse_options) -> pd.DataFrame:
    """Group articles into independent-origin clusters.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id`` and ``body``; ``wire`` and ``outlet`` are used
        when present.
    reuse : pandas.DataFrame, optional
        Passages from :func:`analysis.find_text_reuse`; computed (with
        ``reuse_options``) when omitted.
    min_containment : float, default 0.15
        Share of the more-covered article's body that must be shared (outside
        common quotations) to link a pair.
    min_passage_words : int, default 40
        A single shared passage this long links a pair whatever its share.
    use_credits : bool, default True
        ``False`` groups on text reuse alone.
    **reuse_options
        Passed to :func:`analysis.find_text_reuse` when ``reuse`` is omitted.

    Returns
    -------
    pandas.DataFrame
        One row per article, in input order: ``article_id``, ``origin_id``
        (``O1``, ``O2``, ... numbered by first article), ``origin_label`` (the
        agency for credited groups, else the outlet (or article id) of the
        group's first article), ``basis`` (why the article is in its group:
        ``"wire credit: AFP (wire column)"``, ``"text reuse with X
        (containment 0.31)"`` or ``"independent"``), ``credit`` (the
        article's own primary credit, ``""`` if none) and ``origin_size``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
    ...                      "wire": ["AFP", "", ""],
    ...                      "body": ["Troops moved.", "Officials told AFP the troops moved.", "Rain fell."]})
    >>> origins(arts)[["article_id", "origin_id", "origin_label"]].values.tolist()
    [['a', 'O1', 'AFP'], ['b', 'O1', 'AFP'], ['c', 'O2', 'Z']]
    """
    require_columns(articles, ("article_id", "body"), "origins")
    if not 0 < min_containment <= 1:
        raise ParameterError(f"origins(): min_containment must be in (0, 1], got {min_containment!r}")
    if int(min_passage_words) < 1:
        raise ParameterError(f"origins(): min_passage_words must be >= 1, got {min_passage_words!r}")
    ids = reuse_article_ids(articles, "origins")
    position = {a: i for i, a in enumerate(ids)}
    bodies = articles["body"].fillna("").astype(str).tolist()
    wires = articles["wire"].tolist() if "wire" in articles.columns else [None] * len(ids)
    outlets = articles["outlet"].fillna("").astype(str).tolist() if "outlet" in articles.columns else [""] * len(ids)

    credit, evidence = [""] * len(ids), [""] * len(ids)
    if use_credits:
        for i, (body, wire, outlet) in enumerate(zip(bodies, wires, outlets)):
            agency_outlet = canonical_agency(outlet) if canonical_agency(outlet) in AGENCIES else ""
            credit[i], evidence[i] = _describe(find_credits(body), split_wire(wire), agency_outlet)

    groups = _Groups(credit)
    first_with: dict[str, int] = {}
    for i, c in enumerate(credit):
        if c:
            groups.union(first_with.setdefault(c, i), i)

    summary = reuse_summary(articles, reuse, include_quoted=False, **reuse_options)
    links, weak = [], {}
    for row in summary.itertuples(index=False):
        strength = max(row.containment_a, row.containment_b)
        for me, other in ((row.article_a, row.article_b), (row.article_b, row.article_a)):
            if me in position and strength > weak.get(position[me], ("", 0.0))[1]:
                weak[position[me]] = (other, strength)
        if strength >= min_containment or row.longest_words >= min_passage_words:
            if row.article_a in position and row.article_b in position:
                links.append((strength, position[row.article_a], position[row.article_b], row))
    links.sort(key=lambda x: (-x[0], x[1], x[2]))
    reuse_basis: dict[int, str] = {}
    refused: dict[int, str] = {}
    for strength, i, j, row in links:
        text = f"containment {strength:.2f}, longest passage {row.longest_words} words"
        if groups.union(i, j):
            reuse_basis.setdefault(j, f"text reuse with {ids[i]} ({text})")
            reuse_basis.setdefault(i, f"text reuse with {ids[j]} ({text})")
        else:
            refused.setdefault(i, f"shares text with {ids[j]} ({text}) but credits differ")
            refused.setdefault(j, f"shares text with {ids[i]} ({text}) but credits differ")

    roots = [groups.find(i) for i in range(len(ids))]
    number: dict[int, int] = {}
    for r in roots:
        number.setdefault(r, len(number) + 1)
    size = pd.Series(roots).value_counts().to_dict()
    rows = []
    for i, aid in enumerate(ids):
        r = roots[i]
        group_credit = sorted(groups.credit[r])
        label = group_credit[0] if group_credit else (outlets[r] or ids[r])
        if credit[i]:
            basis = f"wire credit: {credit[i]} ({evidence[i]})"
        elif i in reuse_basis:
            basis = reuse_basis[i]
        elif size[r] == 1 and weak.get(i, ("", 0.0))[1] >= 0.02:
            basis = f"independent (largest overlap: {weak[i][0]}, containment {weak[i][1]:.2f}, below threshold)"
        else:
            basis = "independent"
        if i in refused:
            basis += f"; {refused[i]}"
        rows.append((aid, f"O{number[r]}", label, basis, credit[i], int(size[r])))
    return pd.DataFrame(rows, columns=ORIGIN_COLUMNS).astype({"origin_size": "int64"})
