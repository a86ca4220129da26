"""Any input, nothing lost, nothing stale (issue 15; outcomes in docs/bad-input.md).

Records without a title, interrupted extractions, long sentences with many
figures, hostile JSON, undecodable file names, params-file alias bombs,
bidi controls, upper-case extensions, mixed-encoding CSV, saved web pages,
and the corpus's own page-chrome rules.
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.corpus.boilerplate import DEFAULT_RULES, load_boilerplate_file
from analysis.cli.main import main
from analysis.errors import CorpusError, CorpusWarning, ParameterError
from analysis.report.notebook_params import load_params_file
from analysis.text.safe_text import safe_label
from analysis.scale.streaming import extract_to_parquet
from analysis.scale.tables import load_tables

from tests.saved_pages import CHROME_SNIPPETS, make_page


def load(path, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = analysis.load_corpus(path, **kw)
    return frame, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# --- 1. records keep their whole body -----------------------------------------

def test_one_sentence_records_without_title_keep_their_text(tmp_path):
    sentences = [f"Officials said {i + 2} buses will run on the new route in May." for i in range(40)]
    path = write_jsonl(tmp_path / "short.jsonl", [{"id": str(i), "text": s} for i, s in enumerate(sentences)])
    frame, messages = load(path)
    assert frame["body"].tolist() == sentences  # nothing moved out of the body
    assert frame["headline"].tolist() == sentences  # one sentence: the headline repeats it
    assert (frame["repairs"] == "headline derived from the first sentence").all()
    # one note for the file, not forty
    assert [m for m in messages if "no headline" in m] == [
        f"{path}: 40 record(s) have no headline/title: each keeps its whole text as body and gets a "
        "headline derived from its first sentence (listed in the 'repairs' column)"]
    quantities = analysis.extract_quantities(frame)
    assert quantities["value"].tolist() == [float(i + 2) for i in range(40)]  # every record's text is read


def test_csv_record_with_empty_title_keeps_body_and_derives_headline(tmp_path):
    path = tmp_path / "r.csv"
    long_first = "The committee, which met for six hours on Tuesday, voted " + "again and " * 30 + "adjourned. Then it left."
    path.write_text(f'id,title,text\n1,,"{long_first}"\n2,Given title,Body two.\n', encoding="utf-8")
    frame, _ = load(path)
    assert frame["body"].tolist() == [long_first, "Body two."]
    first = frame["headline"][0]
    assert first.startswith("The committee, which met") and first.endswith("…") and len(first) <= 161
    assert frame["headline"][1] == "Given title" and frame["repairs"][1] == ""


# --- 2. extract publishes whole runs only ------------------------------------------

def _corpus(folder: Path, n: int, word: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{word}{i:02d}.txt").write_text(
            f"{word} headline {i}\n\nThe {word} council said {i + 3} buses will run from May.\n")
    return folder


def test_interrupted_extract_leaves_the_previous_run_whole(tmp_path, monkeypatch):
    out = tmp_path / "out"
    extract_to_parquet(_corpus(tmp_path / "old", 4, "old"), out, ["sentences", "quantities"], chunk_size=2)
    import analysis.scale.streaming as streaming

    real = streaming.run_chunk
    calls = {"n": 0}

    def dies_on_third_chunk(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # Ctrl-C, or the machine going down, mid-run
        return real(*args, **kwargs)

    monkeypatch.setattr(streaming, "run_chunk", dies_on_third_chunk)
    with pytest.raises(KeyboardInterrupt):
        extract_to_parquet(_corpus(tmp_path / "new", 10, "new"), out, ["sentences", "quantities"], chunk_size=2)
    tables = load_tables(out)
    # the old run, complete and consistent: no new article, no half-written table
    assert tables["articles"]["article_id"].str.startswith("old").all() and len(tables["articles"]) == 4
    assert set(tables["quantities"]["article_id"]) <= set(tables["articles"]["article_id"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "old", "out"]  # no temporary folder left


def test_failure_in_a_corpus_step_publishes_nothing(tmp_path, monkeypatch):
    out = tmp_path / "out"
    extract_to_parquet(_corpus(tmp_path / "old", 3, "old"), out, ["sentences", "reuse"])
    import analysis.compare.reuse

    def broken(*args, **kwargs):
        raise MemoryError("text reuse ran out of memory")

    monkeypatch.setattr(analysis.compare.reuse, "find_text_reuse", broken)
    with pytest.raises(MemoryError):
        extract_to_parquet(_corpus(tmp_path / "new", 5, "new"), out, ["sentences", "reuse"])
    tables = load_tables(out)
    assert len(tables["articles"]) == 3 and tables["articles"]["article_id"].str.startswith("old").all()


def test_folder_without_complete_run_marker_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    extract_to_parquet(_corpus(tmp_path / "c", 2, "c"), out, ["sentences"])
    (out / "_run.json").unlink()  # what a run killed by an older version left behind
    for read in (analysis.load_corpus, load_tables, lambda p: list(analysis.iter_corpus(p))):
        with pytest.raises(CorpusError, match="no complete run marker"):
            read(out)
    assert main(["summary", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "no complete run marker" in err and "\n" not in err
    run = {"complete": False, "tables": {}}
    (out / "_run.json").write_text(json.dumps(run))
    with pytest.raises(CorpusError, match="not marked complete"):
        load_tables(out)


def test_debris_of_a_killed_run_is_removed_by_the_next(tmp_path):
    debris = tmp_path / ".out.tmp-999999999-abc"  # no such process
    debris.mkdir()
    (debris / "articles.parquet.partial").write_bytes(b"half")
    extract_to_parquet(_corpus(tmp_path / "c", 2, "c"), tmp_path / "out", ["sentences"])
    assert not debris.exists()


def test_extract_refuses_to_replace_a_folder_of_other_files(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.docx").write_bytes(b"x")
    with pytest.raises(ParameterError, match="holds other files"):
        extract_to_parquet(_corpus(tmp_path / "c", 2, "c"), out, ["sentences"])
    assert (out / "notes.docx").exists()


# --- 3. sentences stored once -------------------------------------------------------

def test_long_sentence_with_many_figures_is_stored_once(tmp_path):
    figures = ", ".join(f"{i} tanks" for i in range(1, 3001))
    body = f"The ministry listed losses of {figures} over the year."
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Losses\n\n" + body + "\n")
    out = tmp_path / "out"
    info = extract_to_parquet(corpus, out, ["quantities"])
    assert info["tables"]["quantities"] >= 3000 and info["tables"]["sentences"] == 1
    stored = pd.read_parquet(out / "quantities.parquet")
    assert "sentence" not in stored.columns
    # the text is on disk once: the figures table is far smaller than rows x sentence length
    assert (out / "quantities.parquet").stat().st_size < len(body)
    back = load_tables(out)["quantities"]
    assert back["sentence"].eq(body).all()
    expected = analysis.extract_quantities(analysis.load_corpus(corpus))
    pd.testing.assert_frame_equal(back.reset_index(drop=True), expected.reset_index(drop=True))


def test_load_tables_column_selection_with_and_without_sentence(seeds_dir, tmp_path):
    extract_to_parquet(seeds_dir, tmp_path / "o", ["claims"])
    only = load_tables(tmp_path / "o", ["claims"], columns={"claims": ["claim_id", "sentence"]})["claims"]
    assert list(only.columns) == ["claim_id", "sentence"] and (only["sentence"] != "").all()
    bare = load_tables(tmp_path / "o", ["claims"], columns={"claims": ["claim_id"]})["claims"]
    assert list(bare.columns) == ["claim_id"]


# --- 4. records streamed with size limits --------------------------------------------

def test_record_over_the_size_limit_is_skipped_by_line(tmp_path):
    path = tmp_path / "big.jsonl"
    write_jsonl(path, [{"id": "a", "title": "A", "text": "Short one."},
                       {"id": "b", "title": "B", "text": "x " * 5000},
                       {"id": "c", "title": "C", "text": "Short three."}])
    frame, messages = load(path, max_bytes=2000)
    assert frame["article_id"].tolist() == ["a", "c"]
    assert frame.attrs["skipped"] == [{"path": f"{path}:2",
                                       "reason": "line is over the 2,000-byte record limit (raise max_bytes to load it)"}]
    csv_path = tmp_path / "big.csv"
    csv_path.write_text("id,title,text\na,A,Short.\nb,B," + "y" * 5000 + "\nc,C,Also short.\n")
    frame, _ = load(csv_path, max_bytes=2000)
    assert frame["article_id"].tolist() == ["a", "c"] and frame.attrs["skipped"][0]["path"] == f"{csv_path}:3"


def test_jsonl_is_read_line_by_line(tmp_path, monkeypatch):
    path = write_jsonl(tmp_path / "r.jsonl", [{"id": str(i), "text": f"Text {i}."} for i in range(5)])
    # the whole-file reader is never used for JSON Lines
    import analysis.corpus.records as records

    monkeypatch.setattr(records, "read_text", lambda *a: pytest.fail("read whole"))
    assert analysis.load_corpus(path)["article_id"].tolist() == ["0", "1", "2", "3", "4"]


# --- 5. crashes become skips or exit 2 ---------------------------------------------

def test_deeply_nested_json_is_skipped_or_refused(tmp_path, capsys):
    bomb = "[" * 100000 + "]" * 100000
    lines = tmp_path / "r.jsonl"
    lines.write_text(json.dumps({"id": "a", "text": "Kept."}) + "\n" + bomb + "\n"
                     + json.dumps({"id": "b", "text": "Also kept."}) + "\n")
    frame, _ = load(lines)
    assert frame["article_id"].tolist() == ["a", "b"]
    assert frame.attrs["skipped"][0]["path"] == f"{lines}:2"
    assert "nested more than 200 levels" in frame.attrs["skipped"][0]["reason"]
    doc = tmp_path / "bomb.json"
    doc.write_text(bomb)
    with pytest.raises(CorpusError, match="invalid JSON .*nested"):
        analysis.load_corpus(doc)
    assert main(["summary", str(doc)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_file_name_with_invalid_utf8_is_loaded_and_shown_escaped(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_text("Headline\n\nThe body text.\n")
    (folder / "ok.txt").write_text("Other\n\nMore text.\n")
    frame, messages = load(folder)
    assert sorted(frame["article_id"]) == ["caf\\xe9", "ok"]
    assert any("not valid UTF-8" in m for m in messages)
    out = tmp_path / "out"
    extract_to_parquet(folder, out, ["sentences"])  # Parquet stores the escaped name
    assert sorted(load_tables(out)["articles"]["article_id"]) == ["caf\\xe9", "ok"]


def test_params_file_alias_bomb_and_duplicate_keys_are_refused(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb.write_text("\n".join(rows) + "\n")
    with pytest.raises(ParameterError, match=r"bomb.yaml line 2: .*alias \*a not allowed"):
        load_params_file(bomb)
    dup = tmp_path / "dup.yaml"
    dup.write_text("top_outlets: 3\nrun_date: 2024-05-31\ntop_outlets: 5\n")
    with pytest.raises(ParameterError, match="line 3: .*'top_outlets' appears twice \\(first on line 1\\)"):
        load_params_file(dup)
    nested = tmp_path / "nested.yaml"
    nested.write_text("per_notebook:\n  01_corpus_overview:\n    top_outlets: 2\n    top_outlets: 4\n")
    with pytest.raises(ParameterError, match="appears twice"):
        load_params_file(nested)


def test_render_refuses_a_bomb_params_file_with_exit_2(tmp_path, capsys):
    bomb = tmp_path / "p.yaml"
    bomb.write_text("a: &a [1, 2]\nb: [*a, *a]\n")
    assert main(["render", "--params-file", str(bomb), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "alias *a not allowed" in err and "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_publication_dates_centuries_apart_are_drawn(tmp_path):
    from analysis.report import plots

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "manifest.csv").write_text("file,outlet,published\na.txt,X,1700-01-01\nb.txt,Y,2020-06-01\n")
    for f in ("a", "b"):
        (folder / f"{f}.txt").write_text(f"Head {f}\n\nBody {f}.\n")
    articles = analysis.load_corpus(folder)
    fig = plots.plot_publication_dates(articles)
    low, high = fig.axes[0].get_xlim()
    import matplotlib.dates as mdates

    assert mdates.num2date(low).year <= 1700 and mdates.num2date(high).year >= 2020


# --- 6. bidi and control characters -----------------------------------------------

def test_bidi_controls_are_removed_at_load_and_noted(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Losses rise\n\nThe army lost \u202e12\u202c tanks.\u2067 Officials agreed.\u2069\n")
    (folder / "manifest.csv").write_text("file,outlet\na.txt,\u202eSwen\u202c Daily\n")
    frame, messages = load(folder)
    assert frame["body"][0] == "The army lost 12 tanks. Officials agreed."
    assert frame["outlet"][0] == "Swen Daily"
    assert "removed 4 bidirectional control character(s)" in frame["repairs"][0]
    assert any("bidirectional" in m for m in messages)
    assert analysis.sentences(frame)["text"].tolist() == ["The army lost 12 tanks.", "Officials agreed."]
    assert analysis.extract_quantities(frame)["value"].tolist() == [12.0]


def test_safe_label_neutralises_and_truncates_without_breaking_pairs():
    assert safe_label("losses of \u202e12\u202c tanks") == "losses of 12 tanks"
    assert safe_label("a\u2066b\u2069\x07c\u200fd\nnext") == "ab cd next"
    assert safe_label('He said “we will never sign this deal”', 20) == "He said “we will…”"
    assert safe_label("Reuters (citing two officials close to the talks)", 30) == "Reuters (citing two…)"
    assert safe_label("Reuters (citing two officials close to the talks)", 32) == "Reuters (citing two officials…)"
    assert len(safe_label("x" * 100, 10)) == 10 and safe_label(None) == "" and safe_label(float("nan")) == ""
    from analysis.report.plots._base import shorten

    assert shorten("\u202e21 missiles\u202c fired", 40) == "21 missiles fired"


# --- 7. smaller cases ---------------------------------------------------------------

def test_upper_case_extensions_are_loaded(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    for name in ("a.txt", "B.TXT", "C.Md", "d.HTM"):
        text = make_page("Head d", ["A paragraph of the page that is long enough to be the article text here."]) \
            if name.endswith("HTM") else f"Head {name}\n\nBody.\n"
        (folder / name).write_text(text)
    assert sorted(analysis.load_corpus(folder)["article_id"]) == ["B", "C", "a", "d"]


def test_mixed_encoding_csv_is_decoded_per_record(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("id,title,text\n1,Caf\u00e9,Utf-8 caf\u00e9 text.\n".encode("utf-8")
                     + "2,Caf\u00e9,Cp1252 caf\u00e9 \u201ctext\u201d.\n".encode("cp1252")
                     + "3,Na\u00efve,Utf-8 again \u2013 dash.\n".encode("utf-8"))
    frame, messages = load(path)
    assert frame["body"].tolist() == ["Utf-8 caf\u00e9 text.", "Cp1252 caf\u00e9 \u201ctext\u201d.",
                                      "Utf-8 again \u2013 dash."]
    assert frame["encoding"].tolist() == ["utf-8", "cp1252", "utf-8"]
    assert frame["headline"].tolist() == ["Caf\u00e9", "Caf\u00e9", "Na\u00efve"]
    assert messages == [f"{path}:3: invalid UTF-8 in this row; decoded as cp1252"]


# --- 8. saved web pages ---------------------------------------------------------------

PARAGRAPHS = [
    "The city council approved a new transit budget on Tuesday after a long debate that ran past midnight.",
    "Officials said the plan adds 40 buses and two new routes by next spring, paid for by a fuel levy.",
    "Critics argued that fares would rise by 5% and that the levy would hit rural drivers hardest.",
    "The mayor said the vote was a turning point for the region and promised a review within a year.",
]


def test_saved_web_page_is_read_into_the_usual_columns(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "council.html").write_text(make_page("Council backs transit budget", PARAGRAPHS,
                                                   date="2024-03-05", site="Example Daily",
                                                   url="https://news.example.org/a/1"))
    (folder / "plain.txt").write_text("A text article\n\nIts body.\n")
    frame = analysis.load_corpus(folder).set_index("article_id")
    row = frame.loc["council"]
    assert row["headline"] == "Council backs transit budget"
    assert row["body"] == "\n\n".join(PARAGRAPHS)
    assert row["published"] == pd.Timestamp("2024-03-05") and row["outlet"] == "Example Daily"
    assert row["url"] == "https://news.example.org/a/1"
    for snippet in CHROME_SNIPPETS:
        assert snippet not in row["body"]
    removed = row["boilerplate"].split("\n")
    for line in ("[html-chrome] Related stories", "[html-chrome] Great reporting, thanks!",
                 "[html-chrome] Sign up for our morning briefing newsletter",
                 "[html-chrome] We use cookies to improve your experience.",
                 "[repeated-headline] Council backs transit budget"):
        assert line in removed
    assert frame.loc["plain", "body"] == "Its body."
    # offsets still index the body
    q = analysis.extract_quantities(frame.reset_index())
    assert (q.apply(lambda r: frame.loc[r["article_id"], "body"][r["start"]:r["end"]] == r["surface"],
                    axis=1)).all()


def test_manifest_metadata_wins_over_the_page_and_empty_page_is_skipped(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(make_page("Page title", PARAGRAPHS, site="Page Site"))
    (folder / "empty.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (folder / "manifest.csv").write_text("file,outlet\na.html,Manifest Outlet\nempty.html,X\n")
    frame, messages = load(folder)
    assert frame["outlet"].tolist() == ["Manifest Outlet"] and frame["headline"][0] == "Page title"
    assert frame.attrs["skipped"] == [{"path": str(folder / "empty.html"),
                                       "reason": "no article text found in the page"}]


# --- 9. the corpus's own page-chrome rules ---------------------------------------------

def test_seed_only_chrome_rules_live_with_the_seeds(seeds_dir, tmp_path):
    names = {r.name for r in DEFAULT_RULES}
    assert not names & {"source-site", "music-promo", "track-live-news", "comment-policy"}
    seed_rules = {r.name for r in load_boilerplate_file(seeds_dir / "boilerplate.yaml")}
    assert seed_rules == {"source-site", "music-promo", "track-live-news", "comment-policy"}
    # another corpus keeps such lines as text unless it brings its own rule file
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Head\n\nTrack Latest News Live on Example.com\nThe body.\n")
    assert "Track Latest News Live" in analysis.load_corpus(folder)["body"][0]
    (folder / "boilerplate.yaml").write_text("rules:\n  - name: live-promo\n    pattern: 'track latest news live on .*'\n")
    row = analysis.load_corpus(folder).iloc[0]
    assert row["body"] == "The body." and row["boilerplate"] == "[live-promo] Track Latest News Live on Example.com"
    # and the same rules can be passed by path
    (folder / "boilerplate.yaml").rename(tmp_path / "rules.yaml")
    row = analysis.load_corpus(folder, boilerplate_rules=tmp_path / "rules.yaml").iloc[0]
    assert row["body"] == "The body."


def test_bad_rule_file_is_refused_naming_the_rule(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Head\n\nBody.\n")
    (folder / "boilerplate.yaml").write_text("rules:\n  - name: slow\n    pattern: '(\\w+\\s?)+done'\n")
    with pytest.raises(CorpusError, match=r"boilerplate.yaml: rule 1 \(slow\): pattern has nested quantifiers"):
        analysis.load_corpus(folder)
    (folder / "boilerplate.yaml").write_text("rules: [{name: x}]\n")
    with pytest.raises(CorpusError, match="exactly the keys 'name' and 'pattern'"):
        analysis.load_corpus(folder)


def test_thousands_of_empty_files_give_a_bounded_number_of_warnings(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    for i in range(300):
        (folder / f"empty{i:03d}.txt").write_text("")
    (folder / "real.txt").write_text("Head\n\nBody.\n")
    frame, messages = load(folder)
    assert len(frame.attrs["skipped"]) == 300  # every one is still listed
    assert len(messages) == 21  # 20 shown one by one, then one summary
    assert messages[-1].startswith("... and 280 more skipped file(s) or repair(s) not shown one by one")
    assert "300 skipped" in messages[-1]


def test_record_files_with_old_mac_line_ends_or_utf16_are_read(tmp_path):
    cr = tmp_path / "cr.csv"
    cr.write_bytes(b"id,title,text\r1,A,Body one.\r2,B,Body two.\r")
    assert analysis.load_corpus(cr)["body"].tolist() == ["Body one.", "Body two."]
    lines = tmp_path / "cr.jsonl"
    lines.write_bytes(b'{"id":"a","text":"x"}\r{"id":"b","text":"y"}\r')
    assert analysis.load_corpus(lines)["body"].tolist() == ["x", "y"]
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes('{"id":"a","title":"T","text":"caf\u00e9"}\n'.encode("utf-16"))
    frame, messages = load(wide)
    assert frame[["body", "encoding", "repairs"]].values.tolist() == [["caf\u00e9", "utf-16", ""]]
    assert messages == []


def test_charts_never_draw_bidi_controls(tmp_path):
    from analysis.report.plots._base import label_axes, new_figure, save_figure

    fig, ax = new_figure()
    ax.bar([0, 1], [3, 4])
    ax.set_xticks([0, 1], ["\u202e12\u202c tanks", "plain"])
    label_axes(ax, "Losses \u2067per\u2069 outlet", "", "")
    ax.annotate("\u202eabc", (0, 3))
    paths = save_figure(fig, "bidi", tmp_path)
    svg = paths["svg"].read_text(encoding="utf-8")
    assert not any(ch in svg for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    texts = {t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))}
    assert {"12 tanks", "Losses per outlet", "abc"} <= texts
