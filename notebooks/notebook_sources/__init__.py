"""Cell definitions of the report notebooks, one module per notebook.

Each module defines ``NAME`` (the notebook's file stem) and ``CELLS``, a
list of ``(kind, source, tags)`` triples with kind ``"md"`` or ``"code"``.
"""

from __future__ import annotations

from . import (nb01_corpus_overview, nb02_claim_frequency, nb03_source_agreement, nb04_quantitative_figures,
               nb05_timeline, nb06_teaching)

MODULES = (nb01_corpus_overview, nb02_claim_frequency, nb03_source_agreement, nb04_quantitative_figures,
           nb05_timeline, nb06_teaching)
NOTEBOOKS = {module.NAME: module.CELLS for module in MODULES}
