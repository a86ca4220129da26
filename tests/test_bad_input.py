"""Bad corpus input: every case has a documented outcome (docs/bad-input.md).

Either the file or record is skipped with a :class:`CorpusWarning` that names
it and is listed in ``attrs["skipped"]`` (``strict=True`` raises instead), a
repair is made and listed in ``attrs["notes"]``, or the whole input is
refused with a :class:`CorpusError` naming the file and the problem.  On the
command line every refusal is one line on stderr and exit status 2.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.cli.main import main
from analysis.corpus.load import DEFAULT_MAX_BYTES
from analysis.errors import CorpusError, CorpusWarning


GOOD = "Good headline\n\nThe council approved the budget on Monday. It takes effect in May.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return folder


def load(path, **kw):
    """Load, returning the frame and the CorpusWarning messages."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = analysis.load_corpus(path, **kw)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    return frame, messages


def assert_skipped(frame, messages, where: str, reason: str):
    """``where`` is listed in attrs['skipped'] with ``reason`` and named by a warning."""
    hits = [s for s in frame.attrs["skipped"] if s["path"] == where]
    assert hits, f"{where} not in {frame.attrs['skipped']}"
    assert reason in hits[0]["reason"], hits[0]
    assert any(m.startswith(f"skipped {where}: ") and reason in m for m in messages), messages


def assert_noted(frame, messages, where: str, note: str):
    hits = [n for n in frame.attrs["notes"] if n["path"] == where and note in n["note"]]
    assert hits, f"{note!r} for {where} not in {frame.attrs['notes']}"
    assert any(m.startswith(f"{where}: ") and note in m for m in messages), messages


def cli(*args: str) -> tuple[int, str, str]:
    """Run the command line in-process; return (status, stdout, stderr)."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        warnings.simplefilter("always")
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


# --- the input as a whole ------------------------------------------------

def test_missing_path(tmp_path):
    with pytest.raises(CorpusError, match=r"nope: no such file or folder"):
        analysis.load_corpus(tmp_path / "nope")


def test_empty_folder(tmp_path):
    with pytest.raises(CorpusError, match=r"folder holds no article files"):
        analysis.load_corpus(tmp_path)


def test_folder_of_only_unusable_files(tmp_path):
    write(tmp_path, {"a.txt": "", "b.txt": " \n\t\n", "c.txt": PNG})
    with pytest.raises(CorpusError, match=rf"{tmp_path}: no usable articles found \(3 skipped\)"):
        load(tmp_path)


def test_manifest_without_file_column(tmp_path):
    write(tmp_path, {"a.txt": GOOD, "manifest.csv": "id,outlet\n1,x\n"})
    with pytest.raises(CorpusError, match=r"manifest\.csv: manifest has no 'file' column \(columns: id, outlet\)"):
        analysis.load_corpus(tmp_path)


@pytest.mark.parametrize("name,content,message", [
    ("empty.csv", "", r"empty\.csv: empty CSV file"),
    ("notext.csv", "id,title\n1,x\n", r"notext\.csv: CSV has no article text column"),
    ("broken.json", '[{"title": "a", "text": "b"},\n {oops}]', r"broken\.json:2: invalid JSON"),
    ("empty.jsonl", "\n  \n", r"empty\.jsonl: empty file"),
    ("number.json", "42", r"number\.json: JSON holds a int, not article records"),
    ("image.jsonl", PNG, r"image\.jsonl: not a text file \(looks like a PNG image\)"),
    ("data.xml", "<a/>", r"data\.xml: unsupported corpus file type \.xml"),
])
def test_unusable_record_files_raise(tmp_path, name, content, message):
    write(tmp_path, {name: content})
    with pytest.raises(CorpusError, match=message):
        load(tmp_path / name)


# --- files skipped with a warning ------------------------------------------

def test_empty_and_whitespace_only_files_are_skipped(tmp_path):
    write(tmp_path, {"empty.txt": "", "blank.txt": " \r\n\t\n\n", "good.txt": GOOD})
    frame, messages = load(tmp_path)
    assert frame["article_id"].tolist() == ["good"]
    assert_skipped(frame, messages, str(tmp_path / "empty.txt"), "empty or whitespace-only file")
    assert_skipped(frame, messages, str(tmp_path / "blank.txt"), "empty or whitespace-only file")


@pytest.mark.parametrize("data,kind", [
    (PNG, "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip archive"),
])
def test_binary_files_renamed_txt_are_skipped(tmp_path, data, kind):
    write(tmp_path, {"photo.txt": data, "good.txt": GOOD})
    frame, messages = load(tmp_path)
    assert frame["article_id"].tolist() == ["good"]
    assert_skipped(frame, messages, str(tmp_path / "photo.txt"), f"not a text file (looks like a {kind}")


def test_binary_junk_without_a_signature_is_skipped(tmp_path):
    junk = bytes(range(256)) * 40  # NULs and control bytes throughout
    write(tmp_path, {"junk.txt": junk, "good.txt": GOOD})
    frame, messages = load(tmp_path)
    assert frame["article_id"].tolist() == ["good"]
    assert_skipped(frame, messages, str(tmp_path / "junk.txt"), "not a text file")


def test_stray_nul_bytes_are_removed_and_noted(tmp_path):
    text = GOOD.replace("budget", "bud\x00get").replace("May", "\x00May\x00")
    write(tmp_path, {"nul.txt": text})
    frame, messages = load(tmp_path)
    assert frame["body"][0] == "The council approved the budget on Monday. It takes effect in May."
    assert_noted(frame, messages, str(tmp_path / "nul.txt"), "removed 3 NUL byte(s)")
    assert "removed 3 NUL byte(s)" in frame["repairs"][0]


def test_utf16_without_bom_is_refused_not_guessed(tmp_path):
    write(tmp_path, {"wide.txt": GOOD.encode("utf-16-le"), "good.txt": GOOD})
    frame, messages = load(tmp_path)
    assert_skipped(frame, messages, str(tmp_path / "wide.txt"), "UTF-16 files need a byte-order mark")


def test_utf16_bom_with_invalid_bytes_is_skipped(tmp_path):
    bad = codecs.BOM_UTF16_LE + "Title\n".encode("utf-16-le") + b"\x00\xd8\x41\x00"  # lone surrogate
    write(tmp_path, {"bad16.txt": bad, "good.txt": GOOD})
    frame, messages = load(tmp_path)
    assert_skipped(frame, messages, str(tmp_path / "bad16.txt"), "has a utf-16 byte-order mark but invalid utf-16")


def test_headline_only_file_is_kept_with_a_note(tmp_path):
    write(tmp_path, {"short.txt": "Just a headline\n"})
    frame, messages = load(tmp_path)
    assert frame[["headline", "body", "n_words"]].values.tolist() == [["Just a headline", "", 0]]
    assert_noted(frame, messages, str(tmp_path / "short.txt"), "no body text after the headline")


# --- encodings and line ends: decoded, recorded, nothing lost ------------------

def test_invalid_utf8_falls_back_to_cp1252_and_is_noted(tmp_path):
    text = "Caf\u00e9 owners protest\n\nThey said \u201cno\u201d \u2014 twice.\n"
    write(tmp_path, {"old.txt": text.encode("cp1252")})
    frame, messages = load(tmp_path)
    row = frame.iloc[0]
    assert (row["headline"], row["body"]) == ("Caf\u00e9 owners protest", "They said \u201cno\u201d \u2014 twice.")
    assert row["encoding"] == "cp1252"
    assert_noted(frame, messages, str(tmp_path / "old.txt"), "invalid UTF-8 at byte 3; decoded as cp1252")


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path):
    write(tmp_path, {"odd.txt": b"Title\n\nA\x81B\x8dC"})
    frame, messages = load(tmp_path)
    assert frame["body"][0] == "A\x81B\x8dC" and frame["encoding"][0] == "latin-1"
    assert_noted(frame, messages, str(tmp_path / "odd.txt"), "decoded as latin-1")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be-bom", "utf-8-sig", "utf-32"])
def test_byte_order_marks_are_honoured(tmp_path, codec):
    text = "Caf\u00e9 \u00e0 Kyiv\n\nS\u00fcddeutsche \u201cquote\u201d \u2014 \u4e2d\u6587.\n"
    data = (codecs.BOM_UTF16_BE + text.encode("utf-16-be")) if codec == "utf-16-be-bom" else text.encode(codec)
    write(tmp_path, {"enc.txt": data})
    frame, messages = load(tmp_path)
    row = frame.iloc[0]
    assert row["headline"] == "Caf\u00e9 \u00e0 Kyiv"  # no stray U+FEFF
    assert row["body"] == "S\u00fcddeutsche \u201cquote\u201d \u2014 \u4e2d\u6587."
    assert row["encoding"] == {"utf-16-be-bom": "utf-16"}.get(codec, codec)
    assert frame.attrs["notes"] == [] and messages == []


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_crlf_and_lone_cr_line_ends(tmp_path, eol):
    text = eol.join(["Title", "", "First line. Second sentence.", "Next paragraph."]) + eol
    write(tmp_path, {"dos.txt": text})
    frame, _ = load(tmp_path)
    body = frame["body"][0]
    assert body == "First line. Second sentence.\nNext paragraph." and "\r" not in body
    assert "normalised CR/CRLF line ends" in frame["repairs"][0]
    sents = analysis.sentences(frame)
    assert sents["text"].tolist() == ["First line.", "Second sentence.", "Next paragraph."]
    assert sents["paragraph_id"].tolist() == [0, 0, 1]


# --- huge files ---------------------------------------------------------------

PARAGRAPH = ("The ministry said 1,200 people were evacuated on Tuesday. "
             "Officials, however, disputed the figure.\n\n")


def big_article(n_bytes: int) -> str:
    return "Huge report\n\n" + PARAGRAPH * (n_bytes // len(PARAGRAPH))


@pytest.mark.slow
def test_50_megabyte_article_loads_under_the_default_limit(tmp_path):
    assert DEFAULT_MAX_BYTES == 64 * 1024 * 1024
    text = big_article(50_000_000)
    write(tmp_path, {"big.txt": text})
    frame, messages = load(tmp_path)
    assert frame["n_chars"][0] == len(text) - len("Huge report\n\n") - 2  # trailing blank line stripped
    assert messages == []


def test_article_over_max_bytes_is_skipped_or_raises_when_strict(tmp_path):
    write(tmp_path, {"big.txt": big_article(300_000), "good.txt": GOOD})
    frame, messages = load(tmp_path, max_bytes=100_000)
    assert frame["article_id"].tolist() == ["good"]
    assert_skipped(frame, messages, str(tmp_path / "big.txt"), "over the 100,000-byte limit (raise max_bytes to load it)")
    with pytest.raises(CorpusError, match=r"big\.txt: file is 300,\d+ bytes, over the 100,000-byte limit"):
        analysis.load_corpus(tmp_path, strict=True, max_bytes=100_000)


def test_loading_and_splitting_a_big_article(tmp_path):
    # cost is measured by benchmarks/bench_adversarial.py; here: nothing lost
    write(tmp_path, {"big.txt": big_article(500_000)})
    frame, _ = load(tmp_path)
    spans = analysis.sentences(frame)
    body = frame["body"].iloc[0]
    assert len(spans) > 1
    assert all(body[s:e] == t for s, e, t in zip(spans["start"], spans["end"], spans["text"]))


def test_five_megabyte_single_line(tmp_path):
    line = "word " * 1_000_000
    write(tmp_path, {"oneline.txt": line})
    frame, messages = load(tmp_path)
    row = frame.iloc[0]
    # too long to be a headline: the line is the body, and the note says so;
    # the headline is derived from its opening words, the body keeps them
    assert row["n_chars"] == len(line) - 1
    assert row["headline"].startswith("word word") and row["headline"].endswith("…")
    assert len(row["headline"]) <= 161 and "headline derived" in row["repairs"]
    assert_noted(frame, messages, str(tmp_path / "oneline.txt"), "too long for a headline: read as body text")
    # no sentence boundary in 5 MB: cut at white space into pieces of at most
    # MAX_SENTENCE_CHARS, covering the whole body with nothing lost
    from analysis.text.sentences import MAX_SENTENCE_CHARS

    sents = analysis.sentences(frame)
    assert len(sents) == 5 and (sents["end"] - sents["start"]).max() <= MAX_SENTENCE_CHARS
    assert sents["start"][0] == 0 and sents["end"].iloc[-1] == row["n_chars"]
    assert "".join(sents["text"]).replace(" ", "") == row["body"].replace(" ", "")


def test_five_megabyte_line_after_a_headline(tmp_path):
    write(tmp_path, {"wall.txt": "Headline\n" + "Wall of text without a break " * 180_000})
    frame, messages = load(tmp_path)
    assert frame["headline"][0] == "Headline" and frame["n_chars"][0] > 5_000_000 and messages == []


# --- duplicate ids -------------------------------------------------------------

def test_duplicate_ids_in_a_manifest_are_renamed_or_raise_when_strict(tmp_path):
    write(tmp_path, {"a.txt": "A\nalpha", "b.txt": "B\nbeta", "c.txt": "C\ngamma",
                     "manifest.csv": "article_id,file\nx,a.txt\nx,b.txt\nx~2,c.txt\n"})
    frame, messages = load(tmp_path)
    # nothing lost: both duplicates kept; the rename skips the id c.txt already has
    assert frame[["article_id", "body"]].values.tolist() == [["x", "alpha"], ["x~3", "beta"], ["x~2", "gamma"]]
    assert frame["article_id"].is_unique
    assert_noted(frame, messages, str(tmp_path / "b.txt"), "duplicate article_id 'x' renamed to 'x~3'")
    with pytest.raises(CorpusError, match=r"b\.txt: duplicate article_id 'x'"):
        analysis.load_corpus(tmp_path, strict=True)


def test_duplicate_ids_in_jsonl(tmp_path):
    path = tmp_path / "dups.jsonl"
    path.write_text("\n".join(json.dumps({"id": "k", "title": t, "text": f"Body {t.lower()}."}) for t in ("One", "Two", "Three")))
    frame, messages = load(path)
    assert frame["article_id"].tolist() == ["k", "k~2", "k~3"]
    assert frame["body"].tolist() == ["Body one.", "Body two.", "Body three."]
    assert_noted(frame, messages, f"{path}:3", "duplicate article_id 'k' renamed to 'k~3'")
    with pytest.raises(CorpusError, match=r"dups\.jsonl:2: duplicate article_id 'k'"):
        analysis.load_corpus(path, strict=True)


# --- manifests naming missing or escaping files -----------------------------------

def test_manifest_rows_naming_missing_files(tmp_path):
    write(tmp_path, {"a.txt": GOOD, "manifest.csv": "file,outlet\na.txt,X\nmissing.txt,Y\n,Z\n"})
    frame, messages = load(tmp_path)
    assert frame["outlet"].tolist() == ["X"]
    manifest = tmp_path / "manifest.csv"
    assert_skipped(frame, messages, f"{manifest}:3", "file 'missing.txt' does not exist")
    assert_skipped(frame, messages, f"{manifest}:4", "empty 'file' value")


def test_files_the_manifest_does_not_list_are_reported(tmp_path):
    write(tmp_path, {"a.txt": GOOD, "forgotten.txt": GOOD, "sub/also.md": GOOD, "manifest.csv": "file\na.txt\n"})
    frame, messages = load(tmp_path)
    assert frame["article_id"].tolist() == ["a"]
    assert_noted(frame, messages, str(tmp_path / "manifest.csv"),
                 "2 article file(s) in the folder are not listed in the manifest and were not loaded: "
                 "forgotten.txt, sub/also.md")


@pytest.fixture
def outside(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    write(secret.parent, {"secret.txt": "SECRET HEADLINE\nsecret body never to be loaded"})
    return secret


def _no_secret(frame):
    assert not frame["body"].str.contains("secret body").any()
    assert not frame["headline"].str.contains("SECRET").any()


@pytest.mark.parametrize("name,reason", [
    ("../outside/secret.txt", "escapes the corpus folder"),
    ("sub/../../outside/secret.txt", "escapes the corpus folder"),
    ("ABSOLUTE", "escapes the corpus folder"),
    ("link.txt", "resolves outside the corpus folder"),
    ("linkdir/secret.txt", "resolves outside the corpus folder"),
])
def test_manifest_paths_escaping_the_corpus_folder(tmp_path, outside, name, reason):
    corpus = write(tmp_path / "corpus", {"a.txt": GOOD})
    (corpus / "sub").mkdir()
    os.symlink(outside, corpus / "link.txt")
    os.symlink(outside.parent, corpus / "linkdir")
    name = str(outside) if name == "ABSOLUTE" else name
    (corpus / "manifest.csv").write_text(f"file\na.txt\n{name}\n")
    frame, messages = load(corpus)
    assert frame["article_id"].tolist() == ["a"]
    _no_secret(frame)
    assert_skipped(frame, messages, f"{corpus / 'manifest.csv'}:3", reason)
    with pytest.raises(CorpusError, match=r"manifest\.csv:3: .*(escapes|resolves outside) the corpus folder"):
        analysis.load_corpus(corpus, strict=True)


def test_symlinks_out_of_a_folder_corpus_are_skipped(tmp_path, outside):
    corpus = write(tmp_path / "corpus", {"a.txt": GOOD})
    os.symlink(outside, corpus / "link.txt")
    os.symlink(outside.parent, corpus / "linkdir")
    os.symlink(corpus / "a.txt", corpus / "inside-link.txt")  # stays inside: loaded
    frame, messages = load(corpus)
    assert sorted(frame["article_id"]) == ["a", "inside-link"]
    _no_secret(frame)
    assert_skipped(frame, messages, str(corpus / "link.txt"), "symbolic link points outside the corpus folder")
    assert_skipped(frame, messages, str(corpus / "linkdir"), "symbolic link points outside the corpus folder")


def test_symlinked_folder_inside_the_corpus_is_noted_not_followed(tmp_path):
    corpus = write(tmp_path / "corpus", {"real/a.txt": GOOD})
    os.symlink(corpus / "real", corpus / "alias")
    frame, messages = load(corpus)
    assert frame["article_id"].tolist() == ["a"]  # loaded once, from its real place
    assert_noted(frame, messages, str(corpus / "alias"), "symbolic link to a folder in the corpus; not followed")


def test_symlink_loop_does_not_hang(tmp_path):
    corpus = write(tmp_path / "corpus", {"a.txt": GOOD})
    os.symlink(corpus / "loop.txt", corpus / "loop.txt")
    frame, messages = load(corpus)
    assert frame["article_id"].tolist() == ["a"]
    assert_skipped(frame, messages, str(corpus / "loop.txt"), "outside the corpus folder")


# --- malformed rows ------------------------------------------------------------

def test_malformed_csv_rows_are_skipped_by_line(tmp_path):
    path = tmp_path / "arts.csv"
    path.write_text('id,title,text\n'
                    '1,One,"Body, one."\n'
                    '2,Two,extra,field\n'
                    '3,Three,"bad "quote" inside"\n'
                    '4,Four,"Body\nover two lines"\n'
                    '5,Five,"never closed\n'
                    '6,Six,swallowed\n')
    frame, messages = load(path)
    assert frame["article_id"].tolist() == ["1", "4"]
    assert frame["body"].tolist() == ["Body, one.", "Body\nover two lines"]
    assert_skipped(frame, messages, f"{path}:3", "malformed CSV row: 4 fields where the header has 3")
    assert_skipped(frame, messages, f"{path}:4", "malformed CSV row")
    assert_skipped(frame, messages, f"{path}:7", "a quoted field opened on line 7 is never closed; lines 7-8 skipped")
    with pytest.raises(CorpusError, match=r"arts\.csv:3: malformed CSV row"):
        analysis.load_corpus(path, strict=True)


def test_malformed_manifest_rows_are_skipped_by_line(tmp_path):
    write(tmp_path, {"a.txt": GOOD, "b.txt": GOOD, "manifest.csv": "file,outlet\na.txt,X,extra\nb.txt,Y\n"})
    frame, messages = load(tmp_path)
    assert frame["outlet"].tolist() == ["Y"]
    assert_skipped(frame, messages, f"{tmp_path / 'manifest.csv'}:2", "3 fields where the header has 2")


def test_malformed_jsonl_rows_are_skipped_by_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "ok1", "text": "Fine."}\n'
                    '{"id": "bad", "text": "unterminated\n'
                    '[1, 2, 3]\n'
                    '\n'
                    '{"id": "notext", "title": "Headline only"}\n'
                    '{"id": "ok2", "text": "Also fine."}\n')
    frame, messages = load(path)
    assert frame["article_id"].tolist() == ["ok1", "ok2"]
    assert_skipped(frame, messages, f"{path}:2", "invalid JSON")
    assert_skipped(frame, messages, f"{path}:3", "line is a JSON list, not an object")
    assert_skipped(frame, messages, f"{path}:5", "record has no article text")
    with pytest.raises(CorpusError, match=r"feed\.jsonl:2: invalid JSON"):
        analysis.load_corpus(path, strict=True)


def test_records_file_in_cp1252_is_read(tmp_path):
    path = tmp_path / "old.csv"
    path.write_bytes("id,title,text\n1,Caf\u00e9,\u201cQuoted\u201d text.\n".encode("cp1252"))
    frame, messages = load(path)
    assert frame[["headline", "body"]].values.tolist() == [["Caf\u00e9", "\u201cQuoted\u201d text."]]
    # decoded per row (record files are often concatenated exports): the note names the line
    assert_noted(frame, messages, f"{path}:2", "decoded as cp1252")
    assert frame["encoding"][0] == "cp1252"


# --- dates -------------------------------------------------------------------------

def test_unparseable_and_out_of_range_dates_in_the_manifest(tmp_path):
    write(tmp_path, {"a.txt": GOOD, "b.txt": GOOD, "c.txt": GOOD,
                     "manifest.csv": "file,published\na.txt,last Tuesday-ish\nb.txt,0001-01-01\nc.txt,2024-05-30\n"})
    frame, messages = load(tmp_path)
    manifest = tmp_path / "manifest.csv"
    assert frame["published"].isna().tolist() == [True, True, False]
    assert frame["published"][2] == pd.Timestamp("2024-05-30")
    assert frame["published_basis"][0] == "unparseable manifest value 'last Tuesday-ish'"
    assert_noted(frame, messages, f"{manifest}:2", "unparseable published date 'last Tuesday-ish'; left unknown")
    assert_noted(frame, messages, f"{manifest}:3", "out-of-range (before 1678 or after 2261) published date '0001-01-01'")
    with pytest.raises(CorpusError, match=r"manifest\.csv:2: unparseable published date 'last Tuesday-ish'"):
        analysis.load_corpus(tmp_path, strict=True)


def test_unparseable_manifest_date_falls_back_to_the_byline(tmp_path):
    write(tmp_path, {"a.txt": "Title\nPublished: 5 January 2024\nBody.",
                     "manifest.csv": "file,published\na.txt,n/a\n"})
    frame, _ = load(tmp_path)
    assert frame["published"][0] == pd.Timestamp("2024-01-05")
    assert frame["published_basis"][0].startswith("stated in the text")


# --- strict mode turns every skip into an error -------------------------------------

@pytest.mark.parametrize("files,culprit,message", [
    ({"a.txt": ""}, "a.txt", "empty or whitespace-only file"),
    ({"a.txt": PNG}, "a.txt", "not a text file"),
    ({"a.txt": GOOD.encode("utf-16-le")}, "a.txt", "byte-order mark"),
    ({"manifest.csv": "file\ngone.txt\n"}, "manifest.csv:2", "does not exist"),
    ({"manifest.csv": "file\n../x.txt\n"}, "manifest.csv:2", "escapes the corpus folder"),
])
def test_strict_raises_naming_file_and_problem(tmp_path, files, culprit, message):
    corpus = write(tmp_path / "c", {"good.txt": GOOD, **files})
    if "manifest.csv" in files:
        (corpus / "manifest.csv").write_text(files["manifest.csv"].replace("file\n", "file\ngood.txt\n"))
        culprit = culprit.replace(":2", ":3")
    with pytest.raises(CorpusError) as info:
        analysis.load_corpus(corpus, strict=True)
    assert str(info.value).startswith(f"{corpus / culprit}: ") and message in str(info.value)


# --- the command line -----------------------------------------------------------------

CLI_FAILURES = {
    "missing": (lambda p: p / "nope", "no such file or folder"),
    "empty-folder": (lambda p: p, "folder holds no article files"),
    "only-junk": (lambda p: write(p, {"a.txt": PNG, "b.txt": ""}), "no usable articles found (2 skipped)"),
    "no-file-column": (lambda p: write(p, {"manifest.csv": "id\n1\n"}), "manifest has no 'file' column"),
    "broken-json": (lambda p: write(p, {"a.json": "[{"}) / "a.json", "invalid JSON"),
    "bad-type": (lambda p: write(p, {"a.pdf": "%PDF-1.4"}) / "a.pdf", "unsupported corpus file type .pdf"),
}


@pytest.mark.parametrize("case", sorted(CLI_FAILURES))
def test_cli_refuses_bad_corpus_in_one_line_with_status_2(tmp_path, case):
    build, message = CLI_FAILURES[case]
    status, out, err = cli("summary", str(build(tmp_path)))
    assert status == 2
    lines = err.strip().split("\n")
    assert lines[-1].startswith("error: ") and message in lines[-1]
    assert "Traceback" not in err and out == ""


def test_cli_warns_one_line_per_skipped_file_and_still_succeeds(tmp_path):
    write(tmp_path, {"a.txt": PNG, "b.txt": "", "good.txt": GOOD})
    status, out, err = cli("summary", "--no-readability", str(tmp_path))
    assert status == 0
    assert f"warning: skipped {tmp_path / 'a.txt'}: not a text file (looks like a PNG image)" in err.split("\n")
    assert f"warning: skipped {tmp_path / 'b.txt'}: empty or whitespace-only file" in err.split("\n")
    assert "1 articles" in out and "2 file(s) skipped" in out


def test_cli_strict_turns_the_skip_into_status_2(tmp_path):
    write(tmp_path, {"a.txt": PNG, "good.txt": GOOD})
    status, _, err = cli("summary", "--strict", str(tmp_path))
    assert status == 2 and err.strip() == f"error: {tmp_path / 'a.txt'}: not a text file (looks like a PNG image)"


@pytest.mark.parametrize("case", ["missing", "only-junk"])
def test_cli_subprocess_has_no_traceback(tmp_path, case):
    build, message = CLI_FAILURES[case]
    proc = subprocess.run([sys.executable, "-m", "analysis", "summary", str(build(tmp_path))],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert proc.stderr.strip().split("\n")[-1].startswith("error: ")
    assert message in proc.stderr


# --- codebooks (the claims tests cover syntax, keys, regexes, ids; these add hostile files) ---

@pytest.mark.parametrize("content,message", [
    ("- just\n- a list\n", "codebook must be a mapping"),
    ("plain words\n", "codebook must be a mapping"),
    ('!!python/object/apply:os.system ["echo owned"]\n', "codebook must be a mapping"),
    (PNG, ""),
    # an alias bomb: nine to the eighth references if anything expanded it
    ("concepts:\n  a: &a [x, x, x, x, x, x, x, x, x]\n"
     + "".join(f"  {c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh"))
     + "claims:\n  - id: A\n    label: a\n    rules:\n      - all: [h]\n", "term must be a single value"),
])
def test_hostile_codebook_files_raise_codebook_error(tmp_path, content, message):
    path = tmp_path / "book.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(analysis.CodebookError) as info:
        analysis.load_codebook(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)


def test_bad_codebook_or_corpus_stops_render_before_any_notebook(tmp_path):
    book = tmp_path / "book.yaml"
    book.write_text("claims:\n  - id: A\n    label: a\n    rules:\n      - regex: '(a+)+$'\n")
    out = tmp_path / "reports"
    status, _, err = cli("render", "--corpus", str(Path(analysis.__file__).parents[1] / "seeds"),
                         "--out", str(out), "-p", f"codebook={book}")
    assert status == 2
    assert err.strip().startswith(f"error: {book}:5:") and "\n" not in err.strip()
    assert not any(out.glob("*/index.html")), "a run folder was made for a render that could not start"
    status, _, err = cli("render", "--corpus", str(tmp_path / "nope"), "--out", str(out))
    assert status == 2 and "nope does not exist" in err and "Traceback" not in err
    assert not any(out.glob("*/index.html"))
