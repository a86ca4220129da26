"""``index.html``: the run folder's front page: each report with its findings, then the files.

The findings are read from each notebook's summary JSON
(``figures/<name>.summary.json``, key ``findings``), so the index shows
the same sentences the report opens with.

Rendered with Jinja2 (already installed with nbconvert) with autoescaping on,
so notebook titles and error messages — which may quote article text — are
shown as text; the same Content-Security-Policy as the reports forbids
scripts and network requests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from analysis.report.rendering.convert import REPORT_CSP, TEMPLATES_DIR

INDEX_TEMPLATE = "run_index.html.j2"


def read_findings(folder: Path, name: str) -> list[str]:
    """The ``findings`` sentences of ``folder/figures/<name>.summary.json`` ([] if absent or unreadable)."""
    path = Path(folder) / "figures" / f"{name}.summary.json"
    try:
        found = json.loads(path.read_text(encoding="utf-8")).get("findings") or []
    except (OSError, ValueError, AttributeError):
        return []
    return [str(s) for s in found if str(s).strip()] if isinstance(found, list) else []


def render_index(manifest: dict[str, Any], findings: dict[str, list[str]] | None = None) -> str:
    """Return the HTML of a run's index page from its manifest (see ``run.json``).

    Parameters
    ----------
    manifest : dict
        The run manifest: ``run_id``, ``notebooks`` (each with ``name``,
        ``title``, ``status``, ``message``, ``duration_s``, ``parameters``,
        ``html`` and optional ``instructor_html``/``notebook``/``log``),
        ``figures``, ``corpus``, ``versions``...
    findings : dict, optional
        Report name -> its findings sentences.

    Returns
    -------
    str
        A self-contained HTML page.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )
    findings = findings or {}
    notebooks = [{"instructor_dir": None, "notebook": None, "log": None, "message": "",
                  "parameters_passed": nb.get("parameters", {}), "findings": findings.get(nb["name"], []), **nb}
                 for nb in manifest["notebooks"]]
    files = manifest.get("figures", [])
    run = dict(manifest, notebooks=notebooks,
               charts=[f for f in files if f.endswith(".png")],
               tables=[f for f in files if f.endswith(".csv")],
               instructor_dirs=sorted({nb["instructor_dir"] for nb in notebooks if nb["instructor_dir"]}))
    run["n_ok"] = sum(nb["status"] == "ok" for nb in notebooks)
    run["n_failed"] = len(notebooks) - run["n_ok"]
    run.setdefault("run_date", "")
    run.setdefault("code", None)
    run.setdefault("notes", [])
    run.setdefault("codebook", None)
    run.setdefault("codebook_source", "")
    run["corpus"] = {"articles": None, **run.get("corpus", {})}
    return env.get_template(INDEX_TEMPLATE).render(run=run, csp=REPORT_CSP)


def write_index(folder: Path, manifest: dict[str, Any]) -> Path:
    """Write ``index.html`` into ``folder``."""
    target = Path(folder) / "index.html"
    findings = {nb["name"]: read_findings(folder, nb["name"]) for nb in manifest["notebooks"]}
    target.write_text(render_index(manifest, findings), encoding="utf-8")
    return target
