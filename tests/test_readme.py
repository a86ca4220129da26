"""The README's API tour runs as written (on the seeds)."""

from __future__ import annotations

import re

from tests.conftest import REPO


def test_api_tour_runs(monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tour = readme[readme.index("## API tour"):]
    code = re.search(r"```python\n(.*?)```", tour, re.S).group(1)
    monkeypatch.chdir(REPO)
    namespace: dict = {}
    exec(compile(code, "README.md (API tour)", "exec"), namespace)
    assert len(namespace["articles"]) == 5
    assert set(namespace["claims"]["stance"]) <= {"asserts", "hedged", "denies"}
    assert namespace["origin"]["origin_id"].nunique() < len(namespace["articles"])
    assert {"conflict", "tension"} & set(namespace["conflict"]["severity"])
    assert set(namespace["tables"]) >= {"sentences", "quantities", "dates", "claims", "origins"}
