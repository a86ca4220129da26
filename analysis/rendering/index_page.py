"""``index.html``: the run folder's front page, one row per report.

Rendered with Jinja2 (already installed with nbconvert) with autoescaping on,
so notebook titles and error messages — which may quote article text — are
shown as text; the same Content-Security-Policy as the reports forbids
scripts and network requests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analysis.rendering.convert import REPORT_CSP, TEMPLATES_DIR

INDEX_TEMPLATE = "run_index.html.j2"


def render_index(manifest: dict[str, Any]) -> str:
    """Return the HTML of a run's index page from its manifest (see ``run.json``).

    Parameters
    ----------
    manifest : dict
        The run manifest: ``run_id``, ``notebooks`` (each with ``name``,
        ``title``, ``status``, ``message``, ``duration_s``, ``parameters``,
        ``html`` and optional ``instructor_html``/``notebook``/``log``),
        ``figures``, ``corpus``, ``versions``...

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
    notebooks = [{"instructor_html": None, "notebook": None, "log": None, "message": "",
                  "parameters_passed": nb.get("parameters", {}), **nb}
                 for nb in manifest["notebooks"]]
    run = dict(manifest, notebooks=notebooks)
    run["n_ok"] = sum(nb["status"] == "ok" for nb in notebooks)
    run["n_failed"] = len(notebooks) - run["n_ok"]
    run.setdefault("run_date", "")
    run.setdefault("code", None)
    return env.get_template(INDEX_TEMPLATE).render(run=run, csp=REPORT_CSP)


def write_index(folder: Path, manifest: dict[str, Any]) -> Path:
    """Write ``index.html`` into ``folder``."""
    target = Path(folder) / "index.html"
    target.write_text(render_index(manifest), encoding="utf-8")
    return target
