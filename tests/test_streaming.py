"""Streaming extraction: chunks equal one load, Parquet tables equal the in-memory run."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

import analysis
from analysis.cli.main import main
from analysis.errors import CorpusError, CorpusWarning, ParameterError
from analysis.scale.pipeline import run_pipeline
from analysis.scale.streaming import extract_to_parquet, iter_corpus
from analysis.scale.tables import TableWriter, load_tables, read_articles
from tests.conftest import article_frame

STEPS = ["sentences", "readability"]


@pytest.mark.parametrize("chunk_size", [1, 2, 5, 100])
def test_chunks_concatenate_to_load_corpus(seeds_dir, seed_articles, chunk_size):
    chunks = list(iter_corpus(seeds_dir, chunk_size))
    assert [len(c) for c in chunks][:-1] == [chunk_size] * (len(chunks) - 1)
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), seed_articles)


def test_folder_without_manifest_and_jsonl(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    for i in range(5):
        (folder / f"story{i}.txt").write_text(f"Headline {i}\n\nBody number {i}. Second sentence.\n",
                                              encoding="utf-8")
    whole = analysis.load_corpus(folder)
    pd.testing.assert_frame_equal(pd.concat(iter_corpus(folder, 2), ignore_index=True), whole)

    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps({"id": f"r{i}", "title": f"T{i}", "text": f"Body {i}."})
                                 for i in range(5)) + "\n", encoding="utf-8")
    pd.testing.assert_frame_equal(pd.concat(iter_corpus(records, 3), ignore_index=True),
                                  analysis.load_corpus(records))

    table = tmp_path / "records.csv"
    pd.DataFrame({"id": ["c1", "c2", "c3"], "text": ["One.", "Two.", "Three."],
                  "source": ["X", "Y", "Z"]}).to_csv(table, index=False)
    pd.testing.assert_frame_equal(pd.concat(iter_corpus(table, 2), ignore_index=True),
                                  analysis.load_corpus(table))


def test_duplicate_ids_renamed_across_chunks_like_load_corpus(tmp_path):
    records = tmp_path / "dupes.jsonl"
    ids = ["x", "y", "x", "z", "x", "y"]
    records.write_text("\n".join(json.dumps({"id": i, "text": f"Body {n}."}) for n, i in enumerate(ids)),
                       encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        whole = analysis.load_corpus(records)
        streamed = pd.concat(iter_corpus(records, 2), ignore_index=True)
    assert streamed["article_id"].tolist() == ["x", "y", "x~2", "z", "x~3", "y~2"]
    assert streamed["article_id"].tolist() == whole["article_id"].tolist()


def test_skipped_files_are_reported_per_chunk(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Head\n\nGood body.\n", encoding="utf-8")
    (folder / "b.txt").write_text("   \n", encoding="utf-8")
    (folder / "c.txt").write_text("Head\n\nAnother body.\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="b.txt"):
        chunks = list(iter_corpus(folder, 1))
    assert [c["article_id"].tolist() for c in chunks] == [["a"], ["c"]]
    reasons = [s["path"] for c in chunks for s in c.attrs["skipped"]]
    assert len(reasons) == 1 and reasons[0].endswith("b.txt")


def test_bad_inputs(tmp_path, seeds_dir):
    with pytest.raises(CorpusError, match="no such file"):
        next(iter_corpus(tmp_path / "missing", 10))
    with pytest.raises(ParameterError, match="chunk_size"):
        next(iter_corpus(seeds_dir, 0))
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.txt").write_text("\n\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        with pytest.raises(CorpusError, match="no usable articles"):
            list(iter_corpus(empty, 10))


def test_parquet_tables_equal_in_memory_run(seeds_dir, seed_articles, tmp_path):
    out = tmp_path / "out"
    info = extract_to_parquet(seeds_dir, out, STEPS, chunk_size=2)
    expected = run_pipeline(seed_articles, steps=STEPS)
    tables = load_tables(out)
    assert sorted(tables) == sorted(expected)
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(tables[name], frame, obj=name)
    assert info["chunks"] == 3 and info["articles"] == 5
    assert info["tables"] == {name: len(frame) for name, frame in expected.items()}
    run = json.loads((out / "_run.json").read_text())
    assert run["steps"] == STEPS and run["chunk_size"] == 2
    assert not list(out.glob("*.partial"))


def test_reuse_runs_after_the_chunks_on_the_whole_corpus(tmp_path):
    shared = ("The powerful sister of North Korean leader Kim Jong Un this month denied "
              "the allegations made by the ministry in Seoul.")
    articles = article_frame("Seoul said so. " + shared, "Nothing alike.", shared + " More.")
    chunks = [articles.iloc[i:i + 1] for i in range(3)]
    info = extract_to_parquet(chunks, tmp_path / "o", ["sentences", "reuse"])
    reuse = pd.read_parquet(tmp_path / "o" / "reuse.parquet")
    pd.testing.assert_frame_equal(reuse, analysis.find_text_reuse(articles))
    assert info["tables"]["reuse"] == 1


def test_load_corpus_and_iter_corpus_accept_a_table_folder(seeds_dir, seed_articles, tmp_path):
    extract_to_parquet(seeds_dir, tmp_path, ["sentences"], chunk_size=3)
    pd.testing.assert_frame_equal(analysis.load_corpus(tmp_path), seed_articles)
    assert analysis.load_corpus(tmp_path).attrs["skipped"] == []
    again = pd.concat(iter_corpus(tmp_path, 2), ignore_index=True)
    pd.testing.assert_frame_equal(again, seed_articles)
    assert read_articles(tmp_path, columns=["article_id"]).columns.tolist() == ["article_id"]


def test_bad_corpus_leaves_earlier_output_alone(seeds_dir, tmp_path):
    extract_to_parquet(seeds_dir, tmp_path, ["sentences"])
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(CorpusError):
        extract_to_parquet(tmp_path / "nope", tmp_path, ["sentences"])
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_field_appearing_only_in_a_later_chunk_is_reported(tmp_path):
    records = tmp_path / "r.jsonl"
    lines = [{"id": "a", "text": "One."}, {"id": "b", "text": "Two.", "section": "sport"}]
    records.write_text("\n".join(map(json.dumps, lines)), encoding="utf-8")
    with pytest.warns(CorpusWarning, match="section"):
        info = extract_to_parquet(records, tmp_path / "o", ["sentences"], chunk_size=1)
    assert any("section" in n["note"] for n in info["notes"])
    assert analysis.load_corpus(tmp_path / "o")["article_id"].tolist() == ["a", "b"]


def test_table_writer_fixes_schema_from_first_chunk(tmp_path):
    target = tmp_path / "t.parquet"
    writer = TableWriter(target, "t")
    writer.write(pd.DataFrame({"k": ["a"], "speaker": pd.Series([None], dtype=object), "v": [1.5]}))
    writer.write(pd.DataFrame({"k": pd.Series([], dtype=object), "speaker": pd.Series([], dtype=object),
                               "v": pd.Series([], dtype=object)}))
    writer.write(pd.DataFrame({"k": ["b"], "speaker": ["Ms Lee"], "v": [2.0]}))
    writer.close()
    back = pd.read_parquet(target)
    assert back["speaker"].tolist()[1] == "Ms Lee" and pd.isna(back["speaker"][0])
    assert back["v"].tolist() == [1.5, 2.0]

    bad = TableWriter(tmp_path / "u.parquet", "u")
    bad.write(pd.DataFrame({"k": ["a"]}))
    with pytest.raises(CorpusError, match="u table: chunk columns"):
        bad.write(pd.DataFrame({"other": ["a"]}))


def test_table_with_no_rows_is_written_with_its_columns(tmp_path):
    writer = TableWriter(tmp_path / "e.parquet", "e")
    writer.write(pd.DataFrame({"article_id": pd.Series([], dtype=str), "start": pd.Series([], dtype="int64")}))
    writer.close()
    back = pd.read_parquet(tmp_path / "e.parquet")
    assert list(back.columns) == ["article_id", "start"] and len(back) == 0


def test_load_tables_errors(tmp_path):
    with pytest.raises(CorpusError, match="no such folder"):
        load_tables(tmp_path / "missing")
    with pytest.raises(CorpusError, match="no .parquet tables"):
        load_tables(tmp_path)
    pd.DataFrame({"article_id": ["a"]}).to_parquet(tmp_path / "articles.parquet")
    with pytest.raises(CorpusError, match="no table.*claims"):
        load_tables(tmp_path, tables=["claims"])
    # tables without a run marker may be half written or from two runs: refused, or flagged
    with pytest.raises(CorpusError, match="no complete run marker"):
        load_tables(tmp_path)
    with pytest.warns(CorpusWarning, match="no complete run marker"):
        assert list(load_tables(tmp_path, allow_incomplete=True)) == ["articles"]


def test_extract_command(seeds_dir, tmp_path, capsys):
    out = tmp_path / "o"
    assert main(["extract", str(seeds_dir), "--out", str(out), "--steps", "sentences",
                 "--chunk-size", "2"]) == 0
    printed = capsys.readouterr()
    assert "sentences" in printed.out and "5 articles in 3 chunk(s)" in printed.out
    assert "chunk 3: 5 articles" in printed.err
    assert len(pd.read_parquet(out / "articles.parquet")) == 5
    assert main(["extract", str(tmp_path / "nope"), "--out", str(out)]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["extract", str(seeds_dir), "--out", str(out), "--steps", "x"]) == 2
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(seeds_dir), "--out", str(out), "--chunk-size", "0"])
    assert stop.value.code == 2


def test_bbc_streamed_sentences_equal_one_pass(bbc_dir, tmp_path):
    info = extract_to_parquet(bbc_dir, tmp_path, ["sentences"], chunk_size=700)
    articles = analysis.load_corpus(bbc_dir)
    assert info["articles"] == len(articles) and info["chunks"] == -(-len(articles) // 700)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "sentences.parquet"),
                                  analysis.sentences(articles))


def test_in_memory_chunks_with_repeated_ids_are_refused(tmp_path):
    first = article_frame("One.", "Two.", ids=["a", "b"])
    second = article_frame("Three.", ids=["b"])
    with pytest.raises(CorpusError, match="unique across chunks; repeated: b"):
        extract_to_parquet([first, second], tmp_path / "o", ["sentences"])
    assert not (tmp_path / "o" / "_run.json").exists()
    assert not list((tmp_path / "o").glob("*.partial"))


def test_dask_frame_needs_the_dask_engine(seed_articles):
    import dask.dataframe as dd  # a test dependency: missing it is a failure, not a skip
    with pytest.raises(ParameterError, match="engine='dask'"):
        run_pipeline(dd.from_pandas(seed_articles, npartitions=2), steps="sentences")
