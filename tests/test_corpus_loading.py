"""Loading corpora: every input format, metadata, headline/body split, chrome removal.

Bad and hostile inputs are in ``test_bad_input.py``; this file pins down
what a *good* corpus turns into.
"""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

import analysis
from analysis.corpus.boilerplate import BoilerplateRule, MAX_CHROME_LINE
from analysis.corpus.load import ARTICLE_COLUMNS

ARTICLE = """Flood waters rise in the valley

Published : Mar. 4, 2024 - 10:02
Advertisement
Rescue teams evacuated 1,200 people on Monday, officials said.
Share | Tweet | Email
The river peaked at 6.2 metres.
"""


def load_quietly(path, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analysis.load_corpus(path, **kw)


# --- the sample corpus ----------------------------------------------------

def test_seeds_take_their_metadata_from_the_manifest(seed_articles, seeds_dir):
    arts = seed_articles
    assert list(arts.columns[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS
    assert len(arts) == 5 and arts["article_id"].is_unique
    manifest = pd.read_csv(seeds_dir / "manifest.csv", dtype=str, keep_default_na=False)
    merged = arts.merge(manifest, on="article_id", suffixes=("", "_m"))
    assert len(merged) == 5
    assert (merged["outlet"] == merged["outlet_m"]).all()
    assert (merged["published"] == pd.to_datetime(merged["published_m"])).all()
    assert (merged["published_basis"] == merged["published_basis_m"]).all()
    assert (merged["wire"] == merged["wire_m"]).all()
    row = arts.set_index("article_id").loc["004_ea76408ea7aed2fe"]
    assert row["outlet"] == "Yonhap" and row["published"] == pd.Timestamp("2024-01-05")
    assert str(arts["published"].dtype) == "datetime64[ns]"
    assert arts.attrs["skipped"] == [] and arts.attrs["notes"] == []
    assert arts.attrs["source"] == str(seeds_dir.resolve())


def test_seed_counts_match_their_bodies(seed_articles):
    arts = seed_articles
    assert (arts["n_chars"] == arts["body"].str.len()).all()
    assert (arts["n_words"] == arts["body"].map(lambda b: len(b.split()))).all()
    assert (arts["encoding"] == "utf-8").all()
    assert arts["path"].map(lambda p: p.endswith(".txt")).all()


def test_seed_chrome_is_removed_and_listed(seed_articles):
    arts = seed_articles.set_index("article_id")
    ndtv = arts.loc["000_7b7c7d69851d0b2e"]
    assert "[advertisement] Advertisement" in ndtv["boilerplate"].split("\n")
    assert "Advertisement" not in ndtv["body"].split("\n")
    assert "Follow us" not in ndtv["body"]
    assert "[track-live-news] Track Latest News Live on NDTV.com" in ndtv["boilerplate"]
    # the headline captured twice, split into kicker and title
    site = arts.loc["002_7567d1e6eaa96bea"]
    repeated = [line for line in site["boilerplate"].split("\n") if line.startswith("[repeated-headline]")]
    assert repeated == ["[repeated-headline] Debris all over the country",
                        "[repeated-headline] Pentagon: Moscow fires North Korean missiles at Ukraine"]
    assert not site["body"].startswith("Debris all over")
    # an article with no chrome records none
    assert arts.loc["003_4f2c14c7a6e8c335", "boilerplate"] == ""


# --- headline, body, chrome, byline date ----------------------------------

def test_headline_body_split_chrome_and_byline_date(tmp_path):
    (tmp_path / "flood.txt").write_text("\n\n" + ARTICLE, encoding="utf-8")
    arts = load_quietly(tmp_path)
    row = arts.iloc[0]
    assert row["article_id"] == "flood"
    assert row["headline"] == "Flood waters rise in the valley"
    assert row["body"] == ("Published : Mar. 4, 2024 - 10:02\n"
                           "Rescue teams evacuated 1,200 people on Monday, officials said.\n"
                           "The river peaked at 6.2 metres.")
    assert row["boilerplate"] == "[advertisement] Advertisement\n[share-bar] Share | Tweet | Email"
    # no manifest: the byline fills the date, and says where it came from
    assert row["published"] == pd.Timestamp("2024-03-04")
    assert row["published_basis"].startswith("stated in the text:")
    assert "Mar. 4, 2024" in row["published_basis"]


def test_manifest_date_wins_over_the_byline(tmp_path):
    (tmp_path / "flood.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published,outlet\nflood.txt,2024-03-05,Daily\n")
    row = load_quietly(tmp_path).iloc[0]
    assert row["published"] == pd.Timestamp("2024-03-05")
    assert row["published_basis"] == "given in the manifest/record"
    assert row["outlet"] == "Daily"


def test_byline_date_only_near_the_top(tmp_path):
    filler = "\n".join(f"Paragraph {i} of reporting." for i in range(10))
    (tmp_path / "late.txt").write_text(f"Title\n{filler}\nPublished: Jan. 5, 2024\n")
    row = load_quietly(tmp_path).iloc[0]
    assert pd.isna(row["published"]) and row["published_basis"] == ""


def test_extra_boilerplate_rules_and_long_lines_are_kept(tmp_path):
    promo = "Get our daily briefing in your inbox"
    long_line = "Advertisement " + "word " * (MAX_CHROME_LINE // 5)
    (tmp_path / "a.txt").write_text(f"Title\n{promo}\nReal text.\n{long_line}\n")
    rules = [BoilerplateRule("briefing", r"get our daily briefing.*")]
    row = load_quietly(tmp_path, boilerplate_rules=rules).iloc[0]
    assert row["boilerplate"] == f"[briefing] {promo}"
    # a line longer than MAX_CHROME_LINE is reporting, never chrome
    assert long_line.strip() in row["body"]
    plain = load_quietly(tmp_path).iloc[0]
    assert promo in plain["body"] and plain["boilerplate"] == ""


def test_chrome_in_the_middle_of_the_body_is_removed(tmp_path):
    (tmp_path / "a.txt").write_text("Title\nFirst paragraph.\n\nREAD MORE: Other story\n\nSecond paragraph.\n© 2024 Daily News Ltd\n")
    row = load_quietly(tmp_path).iloc[0]
    # the removed line leaves its neighbours' blank lines in place
    assert row["body"] == "First paragraph.\n\n\nSecond paragraph."
    assert row["boilerplate"].split("\n") == ["[read-more] READ MORE: Other story",
                                              "[copyright] © 2024 Daily News Ltd"]


# --- input formats --------------------------------------------------------

def test_folder_without_manifest_uses_file_stems_and_subfolders(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "same.txt").write_text("Head X\nBody x.")
    (tmp_path / "y" / "same.txt").write_text("Head Y\nBody y.")
    (tmp_path / "other.md").write_text("# Head M\nBody m.")
    (tmp_path / ".hidden.txt").write_text("Hidden\nNot an article.")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04junk")
    arts = load_quietly(tmp_path)
    assert sorted(arts["article_id"]) == ["other", "x/same", "y/same"]
    by_id = arts.set_index("article_id")
    assert by_id.loc["x/same", "body"] == "Body x."
    assert by_id.loc["other", "headline"] == "# Head M"  # Markdown is read as plain text
    assert arts.attrs["skipped"] == []


def test_manifest_csv_path_and_extra_columns(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Head A\nBody a.")
    (tmp_path / "index.csv").write_text(
        "article_id,path,outlet,published,section\nA1,texts/a.txt,Daily,2024-05-30T10:00:00+02:00,world\n")
    arts = load_quietly(tmp_path / "index.csv")
    row = arts.iloc[0]
    assert row["article_id"] == "A1" and row["outlet"] == "Daily"
    # aware times are converted to UTC and stored naive
    assert row["published"] == pd.Timestamp("2024-05-30 08:00:00")
    assert row["section"] == "world"  # extra manifest columns are kept
    assert row["path"].endswith("texts/a.txt")


def test_manifest_with_windows_separators(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Head A\nBody a.")
    (tmp_path / "manifest.csv").write_text("file\ntexts\\a.txt\n")
    assert load_quietly(tmp_path)["body"].tolist() == ["Body a."]


def test_jsonl_with_scraper_field_names(tmp_path):
    lines = [
        {"id": 7, "title": "Quake hits coast", "text": "A quake struck.\nNo damage.", "source": "Wire",
         "date": "2024-02-01", "link": "https://example.org/q", "lang": "en", "author": ["A", "B"]},
        {"doc_id": "n2", "headline": "Second", "maintext": "Body two.", "publish_date": "1717000000"},
    ]
    path = tmp_path / "scrape.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    arts = load_quietly(path).set_index("article_id")
    first = arts.loc["7"]
    assert (first["headline"], first["body"], first["outlet"]) == ("Quake hits coast", "A quake struck.\nNo damage.", "Wire")
    assert first["url"] == "https://example.org/q" and first["language"] == "en"
    assert first["published"] == pd.Timestamp("2024-02-01")
    assert first["path"] == f"{path}:1"
    # epoch seconds (as JSON exports give them)
    assert arts.loc["n2", "published"] == pd.Timestamp("2024-05-29 16:26:40")


def test_jsonl_keeps_unicode_line_separators_inside_strings(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "T", "text": "one\u2028two"}, ensure_ascii=False) + "\n", encoding="utf-8")
    arts = load_quietly(path)
    assert arts["body"].tolist() == ["one\u2028two"] and arts.attrs["skipped"] == []


def test_json_array_wrapped_object_and_single_object(tmp_path):
    records = [{"title": "One", "body": "Body one."}, {"title": "Two", "content": ["Para a.", "Para b."]}]
    (tmp_path / "array.json").write_text(json.dumps(records, indent=2))
    (tmp_path / "wrapped.json").write_text(json.dumps({"status": "ok", "articles": records}))
    (tmp_path / "single.json").write_text(json.dumps(records[0], indent=2))
    for name in ("array.json", "wrapped.json"):
        arts = load_quietly(tmp_path / name)
        assert arts["headline"].tolist() == ["One", "Two"]
        assert arts["body"].tolist() == ["Body one.", "Para a.\n\nPara b."]
        assert arts["article_id"].tolist() == [f"{name[:-5]}-1", f"{name[:-5]}-2"]
        assert arts["path"].tolist() == [f"{tmp_path / name}[1]", f"{tmp_path / name}[2]"]
    assert load_quietly(tmp_path / "single.json")["headline"].tolist() == ["One"]


def test_json_lines_under_a_json_name(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"title": "A", "text": "a."}\n{"title": "B", "text": "b."}\n')
    assert load_quietly(path)["headline"].tolist() == ["A", "B"]


def test_csv_of_articles_with_aliases_and_multiline_bodies(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text('ID,Title,Content,Publisher,PubDate\n'
                    'k1,"Budget, revised","Line one.\nLine ""two"".",Gazette,2024-06-01\n', encoding="utf-8")
    row = load_quietly(path).iloc[0]
    assert row["article_id"] == "k1" and row["headline"] == "Budget, revised"
    assert row["body"] == 'Line one.\nLine "two".'
    assert row["outlet"] == "Gazette" and row["published"] == pd.Timestamp("2024-06-01")
    assert row["path"] == f"{path}:2"


def test_record_without_headline_keeps_its_whole_text(tmp_path):
    # the headline is derived from the opening (here the first line, which has
    # no sentence end); nothing is taken out of the body
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "Headline here\nThe body."}) + "\n")
    row = load_quietly(path).iloc[0]
    assert (row["headline"], row["body"]) == ("Headline here", "Headline here\nThe body.")
    assert row["repairs"] == "headline derived from the first sentence"


def test_single_text_file(tmp_path):
    path = tmp_path / "one.md"
    path.write_text("Title\n\nBody.\n")
    arts = load_quietly(path)
    assert arts[["article_id", "headline", "body"]].values.tolist() == [["one", "Title", "Body."]]


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "a.xml"
    path.write_text("<a/>")
    with pytest.raises(analysis.CorpusError, match=r"a\.xml: unsupported corpus file type \.xml"):
        analysis.load_corpus(path)


def test_bbc_bench_loads_cleanly(bbc_dir):
    arts = load_quietly(bbc_dir)
    assert len(arts) >= 2200 and arts["article_id"].is_unique
    assert arts.attrs["skipped"] == []
    assert (arts["headline"].str.len() > 0).all() and (arts["n_words"] > 20).all()


def test_rules_that_cannot_be_combined_still_apply_in_order(tmp_path):
    # a numbered back-reference cannot join the one-regex alternation
    rules = [BoilerplateRule("doubled-word", r"(\w+) \1"), BoilerplateRule("dashes", r"-{3,}")]
    (tmp_path / "a.txt").write_text("Title\nbye bye\n-----\nReal text.\nAdvertisement\n")
    row = load_quietly(tmp_path, boilerplate_rules=rules).iloc[0]
    assert row["body"] == "Real text."
    assert row["boilerplate"].split("\n") == ["[doubled-word] bye bye", "[dashes] -----",
                                              "[advertisement] Advertisement"]
