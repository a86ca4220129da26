"""Rendering the notebooks into published HTML reports (``python -m analysis render``).

Small modules, one job each:

- :mod:`~analysis.report.rendering.plan`: check notebooks, parameters, corpus and kernel before anything runs;
- :mod:`~analysis.report.rendering.execute`: run one notebook with papermill; faults become a status;
- :mod:`~analysis.report.rendering.convert`: executed notebook -> self-contained, script-free HTML;
- :mod:`~analysis.report.rendering.index_page`: the run's ``index.html``;
- :mod:`~analysis.report.rendering.run_manifest`: ``run.json`` (parameters, corpus fingerprint, versions, timings);
- :mod:`~analysis.report.rendering.publish`: temporary folder, atomic rename, ``latest`` link;
- :mod:`~analysis.report.rendering.locking`: one render per output folder;
- :mod:`~analysis.report.rendering.progress`: terminal progress, quiet under CI;
- :mod:`~analysis.report.rendering.imports`: skip an import the render never uses (seconds of start-up);
- :mod:`~analysis.report.rendering.runner`: :func:`render_reports`, which ties them together.
"""

from analysis.report.rendering.runner import RenderInterrupted, RenderResult, render_reports

__all__ = ["render_reports", "RenderResult", "RenderInterrupted"]
