"""Codebook loading and validation: the sample codebook, term semantics, errors with file and line."""

from __future__ import annotations

import re

import pytest

from analysis.claims.codebook import (SAMPLE_CODEBOOK, Codebook, compile_terms, load_codebook,
                               parse_codebook, regex_problem)
from analysis.errors import CodebookError
from tests.conftest import SEEDS

MINIMAL = """\
claims:
  - id: R1
    label: It rained
    rules:
      - all: [[rain*, downpour]]
"""


def test_sample_codebook_has_exactly_c01_to_c12():
    book = load_codebook(SAMPLE_CODEBOOK)
    assert SAMPLE_CODEBOOK == SEEDS / "codebook.yaml"  # it lives with the sample corpus
    assert book.ids == [f"C{i:02d}" for i in range(1, 13)]
    assert book.claim("C07").kind == "denial"
    assert all(c.kind == "claim" for c in book.claims if c.id != "C07")
    assert all(c.label and c.description for c in book.claims)
    assert load_codebook(SAMPLE_CODEBOOK).ids == book.ids
    assert load_codebook(book) is book


def test_default_concepts_cover_synonyms():
    book = load_codebook(SAMPLE_CODEBOOK)
    nk = book.concepts["north_korea"].pattern
    for text in ["North Korea", "north korean", "N. Korea's", "Pyongyang", "DPRK", "the North",
                 "Democratic People's Republic of Korea", "Kim Jong-un"]:
        assert nk.search(text), text
    assert not nk.search("the north of the country")
    mun = book.concepts["munitions"].pattern
    assert all(mun.search(t) for t in ["ammunition", "munitions", "artillery shells", "artillery rounds"])
    models = book.concepts["missile_models"].pattern
    assert all(models.search(t) for t in ["KN-23", "KN23", "Hwasong-11Ga", "hwasong 11"])


def test_term_semantics():
    p = compile_terms(["ship*", "KN-23", "the North", "short range", "people's"])
    found = [m.group(0) for m in p.finditer(
        "Shipments of KN23 and KN 23 from the North (not the north) are short-range; people’s")]
    assert found == ["Shipments", "KN23", "KN 23", "the North", "short-range", "people’s"]
    assert not p.search("worship")          # word boundary before
    assert not compile_terms(["arms"]).search("armsky")


def test_parse_minimal_and_inline_groups():
    book = parse_codebook(MINIMAL)
    assert isinstance(book, Codebook) and book.ids == ["R1"]
    assert book.claims[0].rules[0].all[0].terms == ("rain*", "downpour")


def test_concept_references_and_dollar_expansion():
    book = parse_codebook("""
concepts:
  wet: [rain*, drizzle]
  weather: [$wet, snow]
claims:
  - id: W1
    label: Weather
    rules:
      - all: [weather]
""")
    assert book.concepts["weather"].terms == ("rain*", "drizzle", "snow")


def _error(text: str) -> str:
    with pytest.raises(CodebookError) as exc:
        parse_codebook(text, source="book.yaml")
    return str(exc.value)


@pytest.mark.parametrize("text, line, fragment", [
    ("", None, "empty"),
    ("claims: []\n", 1, "empty"),
    ("codebook: x\n", 1, "no 'claims:'"),
    ("claims:\n  - id: A\n    label: a\n    rules:\n      - all: [[x]]\n    colour: red\n", 6, "unknown key 'colour'"),
    ("claim:\n  - id: A\n", 1, "unknown key 'claim'"),
    ("claims:\n  - id: A\n    label: a\n    rules:\n      - all: [[x]]\n  - id: A\n    label: b\n"
     "    rules:\n      - all: [[y]]\n", 6, "duplicate claim id 'A' (first defined on line 2)"),
    ("claims:\n  - label: a\n    rules:\n      - all: [[x]]\n", 2, "without an 'id'"),
    ("claims:\n  - id: A\n    rules:\n      - all: [[x]]\n", 2, "missing 'label'"),
    ("claims:\n  - id: A\n    label: a\n", 2, "missing 'rules'"),
    ("claims:\n  - id: A\n    label: a\n    rules:\n      - none: [[x]]\n", 5, "needs 'all', 'any' or 'regex'"),
    ("claims:\n  - id: A\n    label: a\n    rules:\n      - all: [wet]\n", 5, "unknown concept 'wet'"),
    ("claims:\n  - id: A\n    label: a\n    rules:\n      - all: [[]]\n", 5, "empty list of terms"),
    ("claims:\n  - id: A\n    label: a\n    rules:\n      - all: [[sh*p]]\n", 5, "'*' may only end a word"),
    ("claims:\n  - id: A\n    label: a\n    rules:\n      - regex: 'fired (missiles'\n", 5, "invalid regex"),
    ("claims:\n  - id: A\n    label: a\n    rules:\n      - regex: '(\\w+\\s?)+done'\n", 5, "nested quantifiers"),
    ("claims:\n  - id: A\n    label: a\n    rules:\n      - regex: '(a)\\1'\n", 5, "backreference"),
    ("claims:\n  - id: A\n    label: a\n    kind: rumour\n    rules:\n      - all: [[x]]\n", 4, "kind must be"),
    ("claims:\n  - id: 3 bad\n    label: a\n    rules:\n      - all: [[x]]\n", 2, "must start with a letter"),
    ("claims:\n  - id: A\n    label: a\n    rules:\n      - all: [[x]\n", None, "invalid YAML"),
    ("concepts:\n  a: [$b]\n  b: [$a]\nclaims:\n  - id: A\n    label: a\n    rules:\n      - all: [a]\n", None,
     "refers to itself"),
    ("claims:\n  - id: A\n    label: a\n    label: b\n    rules:\n      - all: [[x]]\n", 4, "appears twice"),
])
def test_validation_errors_name_file_and_line(text, line, fragment):
    msg = _error(text)
    assert msg.startswith("book.yaml:")
    assert fragment in msg
    if line is not None:
        assert msg.startswith(f"book.yaml:{line}:"), msg


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(CodebookError, match="not found"):
        load_codebook(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(CodebookError, match="bad.yaml"):
        load_codebook(bad)
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    assert load_codebook(str(good)).ids == ["R1"]
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINIMAL.replace("label: It rained", "lable: It rained"), encoding="utf-8")
    with pytest.raises(CodebookError, match=r"broken\.yaml:3: claim: unknown key 'lable'"):
        load_codebook(broken)


def test_regex_problem_accepts_bounded_patterns():
    assert regex_problem(r"fired.{0,40}missiles?") is None
    assert regex_problem(r"(?:ship|send)(?:s|ed)?") is None
    assert regex_problem(r"(a+)+$") is not None
    assert regex_problem(r"(?:x*y)*") is not None


@pytest.mark.timeout(60)
def test_default_patterns_are_linear_on_adversarial_input():
    book = load_codebook(SAMPLE_CODEBOOK)
    text = ("north " * 50000) + ("kim jong " * 50000) + ("a" * 300000) + ("ship-" * 50000)
    for group in book.concepts.values():
        list(group.pattern.finditer(text))
    for claim in book.claims:
        for rule in claim.rules:
            if rule.regex is not None:
                rule.regex.search(text)
    assert isinstance(re.compile("x"), re.Pattern)


def test_docs_worked_example_is_valid_and_behaves_as_documented():
    import pandas as pd
    from pathlib import Path

    import analysis

    doc = (Path(__file__).resolve().parents[1] / "docs" / "codebook.md").read_text(encoding="utf-8")
    section = doc.split("## 9. Worked example", 1)[1].split("\n## ", 1)[0]  # up to the next section
    yaml_text = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    book = parse_codebook(yaml_text, source="docs/codebook.md")
    assert book.ids == ["F1", "F2", "F3", "F4", "F5"]
    table = [line for line in section.split("\n") if line.startswith("| ") and not line.startswith("| sentence")]
    sentences = [line.split(" | ")[0].lstrip("| ").strip() for line in table]
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(sentences))], "outlet": "Gazette",
                         "body": sentences})
    out = analysis.tag_claims(arts, codebook=book)
    for i, line in enumerate(table):
        cells = [c.strip() for c in line.strip("|").split("|")]
        claims = [] if cells[1] == "—" else [c.strip() for c in cells[1].split("/")]
        stances = [c.strip() for c in cells[2].split("/")] if claims else []
        got = out[out["article_id"] == f"a{i}"]
        assert sorted(got["claim_id"]) == sorted(claims), line
        assert dict(zip(got["claim_id"], got["stance"])) == dict(zip(claims, stances)), line
