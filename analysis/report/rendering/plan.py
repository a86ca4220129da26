"""Everything a render checks before it runs anything: notebooks, parameters, corpus, kernel.

:func:`plan_render` turns the command-line options into a :class:`RenderPlan`
or raises the package's own error (exit status 2) — an unknown notebook or
parameter, a value of the wrong type, a missing corpus or codebook, a kernel
that is not installed — so that a mistake costs a second, not a half-run
render.
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from analysis.errors import ParameterError
from analysis.report.notebook_params import (NotebookParameters, load_params_file, parse_assignments, read_parameters,
                                      validate_parameters)

DEFAULT_KERNEL = "osint-analysis"
KERNEL_DISPLAY_NAME = "Python (osint-analysis)"
FALLBACK_KERNEL = "python3"
DEFAULT_CELL_TIMEOUT = 600.0
# Parameters whose value render sets itself (into the run folder).
RENDER_OWNED = ("figures_dir", "tables_dir")
_PATH_NAMES = ("corpus", "codebook")
_PATH_SUFFIXES = ("_dir", "_path", "_file")


@dataclass
class PlannedNotebook:
    """One notebook to render and the values it will receive."""

    name: str
    path: Path
    title: str
    declared: NotebookParameters
    values: dict[str, Any] = field(default_factory=dict)
    solutions: bool = False


@dataclass
class RenderPlan:
    """A checked render: what runs, with what, where."""

    notebooks: list[PlannedNotebook]
    notebooks_dir: Path
    corpus: Path
    codebook: Path | None
    kernel: str
    cell_timeout: float
    jobs: int
    with_code: bool
    given: dict[str, Any]
    per_notebook: dict[str, dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    #: the corpus as loaded by the check (reused for the shared tables), or None
    articles: Any = field(default=None, repr=False)
    #: every static report of the folder is selected (only a complete run may become ``latest``)
    complete: bool = True


def is_path_parameter(name: str) -> bool:
    """Parameters named ``corpus``, ``codebook`` or ``*_dir``/``*_path``/``*_file`` hold paths."""
    return name in _PATH_NAMES or name.endswith(_PATH_SUFFIXES)


def discover_notebooks(folder: Path) -> list[Path]:
    """The notebooks of a folder, in name order (checkpoints and ``_``/``.``-prefixed files left out)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ParameterError(f"notebook folder {folder} does not exist")
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith(("_", ".")) and p.is_file())


def is_static_report(path: Path) -> bool:
    """False for a notebook whose metadata says ``"osint": {"static_report": false}`` (an interactive one)."""
    import json

    try:
        meta = json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return True  # unreadable: let the render report the problem
    return (meta.get("osint") or {}).get("static_report", True) is not False


def select_notebooks(available: Sequence[Path], names: Sequence[str] | None) -> list[Path]:
    """Pick notebooks by number or name: ``02``, ``2``, ``timeline``, ``05_timeline.ipynb``.

    Each name is tried, in order, as: the file name or stem; a prefix of the
    stem (``02``, ``05_time``); a number (``2`` for ``02_...``); a fragment
    of the name after its number (``timeline``, ``claim``).  The first rule
    that matches anything decides.

    Raises
    ------
    ParameterError
        For a name matching none or several notebooks (listing the choices).
    """
    if not available:
        raise ParameterError("no notebooks to render (the notebook folder holds no .ipynb files)")
    if not names:
        return list(available)
    chosen: list[Path] = []
    stems = ", ".join(p.stem for p in available)
    for raw in names:
        matches = _match_notebook(available, raw)
        if not matches:
            raise ParameterError(f"no notebook named {raw!r}; choose from: {stems}")
        if len(matches) > 1:
            raise ParameterError(f"{raw!r} matches several notebooks ({', '.join(p.stem for p in matches)}); "
                                 f"give more of the name")
        if matches[0] not in chosen:
            chosen.append(matches[0])
    return chosen


def _match_notebook(available: Sequence[Path], raw: str) -> list[Path]:
    name = raw.strip()
    name = name[:-6] if name.endswith(".ipynb") else name
    name = name[:-3] if name.endswith(".py") else name
    low = name.lower()
    if not low:
        return []
    rules = (
        lambda stem: stem == low,
        lambda stem: stem.startswith(low),
        lambda stem: low.isdigit() and _number(stem) == int(low),
        lambda stem: low in _words(stem),
    )
    for rule in rules:
        found = [p for p in available if rule(p.stem.lower())]
        if found:
            return found
    return []


def _number(stem: str) -> int | None:
    head = stem.split("_", 1)[0]
    return int(head) if head.isdigit() else None


def _words(stem: str) -> str:
    """The stem without its leading number: ``05_timeline`` -> ``timeline``."""
    head, _, rest = stem.partition("_")
    return rest if head.isdigit() and rest else stem


def resolve_kernel(name: str | None) -> tuple[str, str | None]:
    """Return the kernel spec to use and a note when render had to set one up.

    An explicit ``--kernel`` must be installed.  Without one, render runs the
    notebooks in *this* interpreter, so that the reports use the installed
    package it runs from:

    1. ``osint-analysis`` when it launches this interpreter (pip installs
       that spec with the package; ``"python"`` in a spec means the launching
       interpreter);
    2. otherwise ``osint-analysis`` is registered for this interpreter in its
       environment (``sys.prefix``), where JupyterLab of the same environment
       finds it too;
    3. otherwise ``python3`` if it launches this interpreter.

    Raises
    ------
    ParameterError
        If no kernel spec runs this interpreter and none could be registered.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    manager = KernelSpecManager()
    specs = manager.find_kernel_specs()
    if name:
        if name not in specs:
            raise ParameterError(f"kernel {name!r} is not installed (installed: {', '.join(sorted(specs)) or 'none'}); "
                                 f"leave out --kernel to use this interpreter's {DEFAULT_KERNEL!r}")
        return name, None

    def runs_here(spec_name: str) -> bool:
        try:
            argv = manager.get_kernel_spec(spec_name).argv
        except (NoSuchKernel, OSError, ValueError):
            return False
        return bool(argv) and launches_this_interpreter(argv[0])

    if DEFAULT_KERNEL in specs and runs_here(DEFAULT_KERNEL):
        return DEFAULT_KERNEL, None
    problem = ""
    try:
        where = register_kernel()
    except (OSError, ImportError) as exc:
        problem = f"could not register kernel {DEFAULT_KERNEL!r} ({exc.__class__.__name__}: {exc})"
    else:
        manager = KernelSpecManager()  # forget the cached search
        if runs_here(DEFAULT_KERNEL):
            return DEFAULT_KERNEL, f"registered kernel {DEFAULT_KERNEL!r} for {sys.executable} in {where}"
        problem = (f"kernel {DEFAULT_KERNEL!r} registered in {where} is shadowed by "
                   f"{manager.find_kernel_specs().get(DEFAULT_KERNEL)}, which runs another interpreter")
    if FALLBACK_KERNEL in manager.find_kernel_specs() and runs_here(FALLBACK_KERNEL):
        return FALLBACK_KERNEL, f"{problem}; using {FALLBACK_KERNEL!r}, which runs this interpreter"
    raise ParameterError(f"{problem}; no installed kernel runs {sys.executable} (try --kernel NAME, or "
                         f"`{sys.executable} -m ipykernel install --user --name {DEFAULT_KERNEL}`)")


def launches_this_interpreter(command: str) -> bool:
    """True when a kernel spec's ``argv[0]`` starts the running interpreter.

    ``python``/``python3``/``python3.X`` are replaced by the launching
    interpreter (jupyter_client does so); a path counts when it sits in the
    same ``bin`` folder as :data:`sys.executable` (the same environment; a
    venv's ``python`` is a symlink, so targets are not compared).
    """
    major, minor = sys.version_info[:2]
    if command in {"python", f"python{major}", f"python{major}.{minor}"}:
        return True
    path = Path(os.path.abspath(os.path.expanduser(command)))
    return path.parent == Path(os.path.abspath(sys.executable)).parent and path.name.startswith("python")


def register_kernel() -> Path:
    """Register ``osint-analysis`` for this interpreter in its environment; return the spec folder.

    Raises
    ------
    OSError
        If the environment's ``share/jupyter/kernels`` cannot be written.
    """
    from ipykernel.kernelspec import install

    return Path(install(kernel_name=DEFAULT_KERNEL, display_name=KERNEL_DISPLAY_NAME, prefix=sys.prefix))


def plan_render(
    *,
    notebooks_dir: Path,
    names: Sequence[str] | None = None,
    corpus: str | Path | None = None,
    assignments: Sequence[str] = (),
    params_file: str | Path | None = None,
    kernel: str | None = None,
    cell_timeout: float = DEFAULT_CELL_TIMEOUT,
    jobs: int | None = None,
    with_code: bool = False,
    default_corpus: Path | None = None,
    check_corpus: bool = True,
) -> RenderPlan:
    """Check every input of a render and return the plan; nothing is written or run.

    Parameters
    ----------
    notebooks_dir : Path
        Folder of the notebooks.
    names : sequence of str, optional
        Notebooks to render (default: all).
    corpus : str or Path, optional
        Corpus path (``--corpus``); same as ``-p corpus=PATH``.
    assignments : sequence of str
        ``-p name=value`` items.
    params_file : str or Path, optional
        YAML file of values (see :func:`analysis.report.notebook_params.load_params_file`).
    kernel : str, optional
        Kernel spec name (see :func:`resolve_kernel`).
    cell_timeout : float
        Seconds one cell may run.
    jobs : int, optional
        Notebooks executed at once (default ``min(2, n)``).
    with_code : bool
        Keep code in the HTML.
    default_corpus : Path, optional
        Corpus when none is given (the repository's ``seeds/``).
    check_corpus : bool
        Load the corpus once to fail early on an unusable one.

    Raises
    ------
    ParameterError, CorpusError, CodebookError
        On any input that would make the render fail.
    """
    from analysis.paths import default_corpus as sample_corpus

    if cell_timeout is None or not cell_timeout > 0:
        raise ParameterError(f"--cell-timeout must be a positive number of seconds, got {cell_timeout}")
    if jobs is not None and jobs < 1:
        raise ParameterError(f"--jobs must be at least 1, got {jobs}")
    available = discover_notebooks(notebooks_dir)
    paths = select_notebooks(available, names)
    # a run is complete when it renders every static report of the folder: only such a run may become
    # `latest` (a subset, `--notebooks 01`, moves `latest-partial` instead)
    complete = {p.resolve() for p in available if is_static_report(p)} <= {p.resolve() for p in paths}
    # Interactive notebooks (metadata osint.static_report: false, e.g. the
    # widget explorer) are left out of a full run; named, they render with
    # their widgets omitted.
    interactive = [] if names else [p for p in paths if not is_static_report(p)]
    paths = [p for p in paths if p not in interactive]
    if not paths:
        raise ParameterError("every notebook in the folder is interactive (osint.static_report: false); "
                             "name one to render it anyway")
    notes = [f"{p.stem} left out: an interactive notebook (open it in JupyterLab, or name it to render a "
             "static copy without its widgets)" for p in interactive]
    declared = {p.stem: read_parameters(p) for p in paths}

    text_values = parse_assignments(assignments)
    typed_values: dict[str, Any] = {}
    per_notebook: dict[str, dict[str, Any]] = {}
    if params_file is not None:
        typed_values, per_notebook = load_params_file(params_file)
    for owned in RENDER_OWNED:
        if owned in text_values or owned in typed_values or any(owned in v for v in per_notebook.values()):
            raise ParameterError(f"{owned!r} is set by render (the run folder's figures/); leave it out")
    if corpus is not None:
        if "corpus" in text_values and text_values["corpus"] != str(corpus):
            raise ParameterError("the corpus is given twice (--corpus and -p corpus=); give it once")
        text_values["corpus"] = str(corpus)
    given_corpus = text_values.get("corpus", typed_values.get("corpus"))
    # Validate only what was given; render-set values are added afterwards.
    values = validate_parameters(declared, text_values, typed_values, per_notebook, set_by_render=RENDER_OWNED)

    cwd = Path.cwd()
    for notebook_values in values.values():
        for name, value in notebook_values.items():
            if is_path_parameter(name) and isinstance(value, str) and value:
                notebook_values[name] = str((cwd / Path(value).expanduser()).resolve())
            if name.endswith("_date") and isinstance(value, str) and value:
                _check_iso_date(name, value)

    corpus_path = (Path(given_corpus).expanduser() if given_corpus else (default_corpus or sample_corpus()))
    corpus_path = (cwd / corpus_path).resolve()
    if not corpus_path.exists():
        raise ParameterError(f"corpus {corpus_path} does not exist")
    articles = None
    if check_corpus:
        from analysis.corpus.load import load_corpus

        articles = load_corpus(corpus_path)  # raises CorpusError naming the file and problem

    codebook = decide_codebook(values, corpus_path)

    import nbformat

    from analysis.report.rendering.convert import has_solutions, notebook_title

    kernel_name, note = resolve_kernel(kernel)
    planned = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        spec = declared[path.stem]
        nb_values = dict(values[path.stem])
        if "corpus" in spec:
            nb_values["corpus"] = str(corpus_path)
        if "codebook" in spec and codebook is not None:
            nb_values["codebook"] = str(codebook)  # the notebooks and the shared tables use one codebook
        planned.append(PlannedNotebook(path.stem, path.resolve(), notebook_title(nb, path.stem), spec, nb_values,
                                       has_solutions(nb)))
    n_jobs = jobs if jobs is not None else max(1, min(2, len(planned)))
    given = {**typed_values, **text_values}
    if "corpus" in given:
        given["corpus"] = str(corpus_path)
    return RenderPlan(planned, Path(notebooks_dir).resolve(), corpus_path, codebook, kernel_name,
                      float(cell_timeout), n_jobs, with_code, given, per_notebook, notes + ([note] if note else []),
                      articles=articles, complete=complete)


def decide_codebook(values: dict[str, dict[str, Any]], corpus_path: Path) -> Path | None:
    """The one codebook of a run -- the only place a render decides it.

    Today: the ``codebook`` parameter (``-p codebook=PATH`` or the params
    file), the same for every notebook; None means the notebooks' default.
    The shared tables (:mod:`analysis.report.shared_tables`) and every notebook get
    what this returns, so they cannot disagree.

    Raises
    ------
    ParameterError, CodebookError
        Different codebooks for different notebooks, a missing or invalid file.
    """
    codebook_values = {v.get("codebook") for v in values.values()} - {None, ""}
    if len(codebook_values) > 1:
        raise ParameterError("different codebooks for different notebooks are not supported in one run")
    codebook = Path(codebook_values.pop()) if codebook_values else None
    if codebook is not None:
        _check_codebook(codebook)
    return codebook


def codebook_in_use(codebook: Path | None, corpus_path: Path) -> dict[str, Any]:
    """The codebook a run's claims come from, for ``run.json`` and the index.

    :func:`decide_codebook` returns only a codebook given explicitly; the
    notebooks then use the corpus's own ``codebook.yaml`` when there is one
    (:func:`analysis.claims.codebook.find_codebook`), else codebook-free
    claims.  This says which of the three happened.

    Returns
    -------
    dict
        ``path`` (str or None) and ``how``: ``"given"``, ``"beside the
        corpus"`` or ``"none (codebook-free claims)"``.
    """
    if codebook is not None:
        return {"path": str(Path(codebook).resolve()), "how": "given"}
    from analysis.claims.codebook import find_codebook

    found = find_codebook(corpus_path) if corpus_path is not None else None
    if found is not None:
        return {"path": str(found), "how": "beside the corpus"}
    return {"path": None, "how": "none (codebook-free claims)"}


def _check_iso_date(name: str, value: str) -> None:
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"parameter {name!r} expects an ISO date (YYYY-MM-DD), got {value!r}") from None


def _check_codebook(path: Path) -> None:
    if not path.is_file():
        raise ParameterError(f"codebook {path} does not exist")
    try:
        from analysis.claims.codebook import load_codebook
    except ImportError:
        return  # the codebook module is optional for rendering; the notebook reports problems
    load_codebook(path)  # raises CodebookError naming the file and line
