"""The Dask engine gives the pandas engine's tables, row for row.

One in-process LocalCluster with two single-threaded workers serves the
module (``processes=False`` keeps it fast; the partitions still travel
through the scheduler and run on the workers' threads).
"""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

pytest.importorskip("distributed")

from analysis.scale.pipeline import ARTICLE_STEPS, STEPS, run_pipeline  # noqa: E402
from analysis.scale.streaming import extract_to_parquet  # noqa: E402
from tests.conftest import article_frame  # noqa: E402

AVAILABLE = [n for n in STEPS if importlib.util.find_spec(STEPS[n].module) is not None]
PER_ARTICLE = [n for n in AVAILABLE if n in ARTICLE_STEPS]
KEYS = ["article_id", "sentence_id", "start"]


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as dask_client:
        yield dask_client


def _synthetic(n: int = 40) -> pd.DataFrame:
    """Articles of uneven length with figures, dates, quotes and attributions."""
    templates = [
        "Officials said 1,200 people were evacuated on Monday. \"We are ready,\" the mayor said.",
        "Prices rose 3.5% in March, according to the statistics office.\nAnalysts expect more.",
        "The company, which employs about 40,000 staff, denied the report on 5 June 2023.",
        "Nothing happened.",
        "",
        "Mr. Smith told Reuters the U.S. would send at least 30 missiles by next week. "
        "The ministry did not confirm it.",
    ]
    bodies = [" ".join(templates[(i + k) % len(templates)] for k in range(1 + i % 4)) for i in range(n)]
    return article_frame(*bodies, ids=[f"syn{i:03d}" for i in range(n)])


def _assert_same(pandas_tables, dask_tables, names):
    for name in names:
        left, right = pandas_tables[name], dask_tables[name]
        keys = [k for k in KEYS if k in left.columns]
        if keys:  # the promise: same rows, same order after sorting by these keys
            left = left.sort_values(keys, kind="stable").reset_index(drop=True)
            right = right.sort_values(keys, kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(right, left, obj=name)
    # and in fact the order is identical without sorting
    for name in names:
        pd.testing.assert_frame_equal(dask_tables[name], pandas_tables[name], obj=name)


def test_seeds_identical_to_pandas(client, seed_articles):
    expected = run_pipeline(seed_articles, steps=AVAILABLE)
    got = run_pipeline(seed_articles, steps=AVAILABLE, engine="dask", client=client, chunk_size=2)
    assert sorted(got) == sorted(expected)
    _assert_same(expected, got, AVAILABLE)


@pytest.mark.parametrize("chunk_size", [None, 7])
def test_synthetic_identical_to_pandas(client, chunk_size):
    articles = _synthetic()
    expected = run_pipeline(articles, steps=PER_ARTICLE)
    got = run_pipeline(articles, steps=PER_ARTICLE, engine="dask", client=client, chunk_size=chunk_size)
    assert len(got["sentences"]) > len(articles)  # the corpus really has content
    _assert_same(expected, got, PER_ARTICLE)


def test_partitions_run_on_both_workers(client):
    from distributed import get_task_stream

    from analysis.scale.engine_dask import run_article_steps

    with get_task_stream(client) as stream:
        tables = run_article_steps(_synthetic(16), ["sentences"], {}, client=client, chunk_size=2)
    workers = {t["worker"] for t in stream.data if "run_chunk" in str(t["key"])}
    assert len(workers) == 2
    assert tables["sentences"]["article_id"].is_monotonic_increasing


def test_dask_dataframe_input(client, seed_articles):
    import dask.dataframe as dd

    expected = run_pipeline(seed_articles, steps=["sentences"])
    frame = dd.from_pandas(seed_articles, npartitions=3, sort=False)
    got = run_pipeline(frame, steps=["sentences"], engine="dask", client=client)
    pd.testing.assert_frame_equal(got["sentences"], expected["sentences"])
    pd.testing.assert_frame_equal(got["articles"], seed_articles)


def test_scheduler_address(client, seed_articles):
    address = client.scheduler.address
    got = run_pipeline(seed_articles, steps="sentences", engine="dask", scheduler=address)
    pd.testing.assert_frame_equal(got["sentences"], run_pipeline(seed_articles, steps="sentences")["sentences"])


def test_streaming_on_dask_writes_the_same_files(client, seeds_dir, tmp_path):
    steps = [n for n in AVAILABLE if n != "readability"] or ["sentences"]
    extract_to_parquet(seeds_dir, tmp_path / "p", steps, chunk_size=2)
    info = extract_to_parquet(seeds_dir, tmp_path / "d", steps, chunk_size=2, engine="dask", client=client)
    assert info["engine"] == "dask" and info["chunks"] == 3
    for name in ["articles", *steps]:
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "d" / f"{name}.parquet"),
                                      pd.read_parquet(tmp_path / "p" / f"{name}.parquet"), obj=name)
