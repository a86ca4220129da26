"""Keep the render's own start-up short: skip an import the render never uses.

nbformat (read by papermill, nbconvert and the render itself) imports
jsonschema, which at import time probes for ``rfc3987_syntax`` to check
strings of format ``iri``; when that package is installed (JupyterLab brings
it) jsonschema compiles about forty grammars on import: 1 to 2.5 s of CPU
before a render can start any kernel.  The notebook schemas declare no
string formats and nbformat validates without a format checker, so the
render loses nothing by going without it.
"""

from __future__ import annotations

import sys

UNUSED = ("rfc3987_syntax",)


def skip_unused_imports() -> list[str]:
    """Make the modules in :data:`UNUSED` unimportable in this process, unless already imported.

    Returns
    -------
    list of str
        The names blocked now (``import`` of them raises ImportError, which
        jsonschema expects and handles).
    """
    blocked = []
    for name in UNUSED:
        if name not in sys.modules:
            sys.modules[name] = None  # type: ignore[assignment]  # the import system's "not available"
            blocked.append(name)
    return blocked
