"""The Dask engine: per-article steps mapped over partitions on a cluster.

Every partition runs :func:`analysis.scale.pipeline.run_chunk` -- the very function
the pandas engine runs on its chunks -- and the partition results are
concatenated in partition order, so the tables are identical to the pandas
engine's, row for row.

Where the work runs:

* ``client=`` a :class:`dask.distributed.Client` you made (any cluster);
* ``scheduler="tcp://host:8786"``: connect to a running scheduler (started
  with ``dask scheduler`` / ``dask worker tcp://host:8786``, dask-jobqueue,
  dask-kubernetes, Coiled, ...); the workers need this package installed;
* neither: a :class:`dask.distributed.LocalCluster` with ``n_workers``
  single-threaded worker processes (default: one per core), closed again
  when the run ends.  Processes, not threads, because the steps are pure
  Python and hold the GIL.

The articles travel from this process to the workers (a chunk at a time when
streaming, see :func:`imap_chunks`), so the workers need no shared
filesystem; a Dask DataFrame of articles (e.g. ``dd.read_parquet`` of an
``articles.parquet`` the workers can reach) is mapped partition by partition
where it lives.
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from typing import Any, Iterable, Iterator, Mapping, Sequence

import pandas as pd

from analysis.errors import InputError, ParameterError
from analysis.scale.pipeline import canonical_speakers_across_chunks, chunk_bounds, concat_tables, run_chunk

#: Partitions per worker thread when the caller does not choose a size:
#: enough to balance uneven articles, few enough to keep overhead small.
PARTITIONS_PER_THREAD = 4


@contextlib.contextmanager
def cluster_client(client: Any = None, scheduler: str | None = None,
                   n_workers: int | None = None) -> Iterator[Any]:
    """Yield a ``dask.distributed.Client``: the one given, one connected to
    ``scheduler``, or one on a new LocalCluster (closed on exit).

    Parameters
    ----------
    client : dask.distributed.Client, optional
        Used as is and left open.
    scheduler : str, optional
        Scheduler address such as ``"tcp://10.0.0.5:8786"``.
    n_workers : int, optional
        Worker processes of the LocalCluster (default: CPU count).

    Raises
    ------
    ParameterError
        ``dask.distributed`` is not installed, or the scheduler cannot be reached.
    """
    if client is not None:
        yield client
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - depends on the environment
        raise ParameterError("engine='dask' needs dask.distributed: "
                             "pip install 'osint-news-analysis[scale]'") from None
    if scheduler:
        try:
            own = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise ParameterError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        with own:
            yield own
        return
    if n_workers is not None and n_workers < 1:
        raise ParameterError(f"n_workers must be at least 1, not {n_workers}")
    workers = n_workers or os.cpu_count() or 1
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as own:
        yield own


def _threads(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # noqa: BLE001 - an exotic client without nthreads(): be conservative
        return 1


def run_article_steps(articles: Any, steps: Sequence[str], options: Mapping[str, Any] | None = None,
                      *, chunk_size: int | None = None, client: Any = None,
                      scheduler: str | None = None,
                      n_workers: int | None = None) -> dict[str, pd.DataFrame]:
    """Run the per-article steps on a Dask cluster and collect the tables.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        The articles table.  A pandas frame is split into consecutive
        partitions of ``chunk_size`` rows; a Dask DataFrame keeps its own
        partitions.
    steps : sequence of str
        Per-article step names (see :data:`analysis.scale.pipeline.ARTICLE_STEPS`).
    options : mapping, optional
        Step options (``codebook``).
    chunk_size : int, optional
        Articles per partition (pandas input only).  Default: enough
        partitions for :data:`PARTITIONS_PER_THREAD` per worker thread.
    client, scheduler, n_workers
        Which cluster; see :func:`cluster_client`.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``articles`` (computed to pandas for Dask input) and one table per
        step, identical to the pandas engine's.
    """
    from analysis.checks import require_columns

    steps = list(steps)
    with cluster_client(client, scheduler, n_workers) as dask_client:
        if _is_dask_frame(articles):
            import dask

            missing = [c for c in ("article_id", "body") if c not in articles.columns]
            if missing:
                raise InputError(f"run_pipeline() needs columns {', '.join(missing)}")
            parts = articles.to_delayed()
            results = [dask.delayed(_run_partition)(part, steps, options) for part in parts]
            computed = dask_client.gather(dask_client.compute(results))
            tables = {"articles": _pandas_strings(dask_client.compute(articles).result())}
        else:
            require_columns(articles, ("article_id", "body"), "run_pipeline")
            if chunk_size is None:
                wanted = _threads(dask_client) * PARTITIONS_PER_THREAD
                chunk_size = max(1, -(-len(articles) // wanted))
            bounds = chunk_bounds(len(articles), chunk_size)
            # scatter the partitions so each travels once, straight to a worker
            parts = dask_client.scatter([articles.iloc[a:b] for a, b in bounds])
            futures = dask_client.map(run_chunk, parts, steps=steps, options=options, pure=False)
            computed = dask_client.gather(futures)
            tables = {"articles": articles}
    for name in steps:
        tables[name] = concat_tables([result[name] for result in computed])
    canonical_speakers_across_chunks(tables)
    return tables


def imap_chunks(chunks: Iterable[pd.DataFrame], steps: Sequence[str],
                options: Mapping[str, Any] | None, client: Any,
                max_in_flight: int | None = None) -> Iterator[tuple[pd.DataFrame, dict]]:
    """Run chunks on the cluster as they are read; yield results in input order.

    At most ``max_in_flight`` chunks (default: two per worker thread) are
    held at once, so memory on this side stays bounded while every worker
    is kept busy.

    Yields
    ------
    (pandas.DataFrame, dict of str to pandas.DataFrame)
        The chunk of articles and its tables.
    """
    limit = max_in_flight or 2 * _threads(client)
    pending: deque = deque()
    steps = list(steps)
    for chunk in chunks:
        pending.append((chunk, client.submit(run_chunk, chunk, steps, options, pure=False)))
        if len(pending) >= limit:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


def _pandas_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Give text columns pandas' default ``str`` dtype back.

    Dask DataFrames convert text to ``string[pyarrow]`` (missing value
    ``pd.NA``); the steps and the pandas engine see pandas' default ``str``
    columns, and the results must not depend on which engine read the data.
    """
    default = pd.Series([""]).dtype
    converted = {c: default for c, t in frame.dtypes.items()
                 if isinstance(t, pd.StringDtype) and t != default}
    return frame.astype(converted) if converted else frame


def _run_partition(part: pd.DataFrame, steps: Sequence[str],
                   options: Mapping[str, Any] | None) -> dict[str, pd.DataFrame]:
    return run_chunk(_pandas_strings(part), steps, options)


def _is_dask_frame(obj: Any) -> bool:
    module = type(obj).__module__ or ""
    return module.startswith("dask") and hasattr(obj, "to_delayed")
