"""Cell definitions of the report notebooks, one module per notebook.

Each module defines ``NAME`` (the notebook's file stem) and ``CELLS``, a
list of ``(kind, source, tags)`` triples with kind ``"md"`` or ``"code"``.
"""

from __future__ import annotations

from . import nb01_corpus_overview, nb04_quantitative_figures, nb05_timeline

MODULES = (nb01_corpus_overview, nb04_quantitative_figures, nb05_timeline)
NOTEBOOKS = {module.NAME: module.CELLS for module in MODULES}
