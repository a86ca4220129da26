"""``notebooks``: copy the report notebooks and the sample corpus into a folder to open in JupyterLab.

An installed package keeps its notebooks inside ``site-packages``, which is
no place to edit them or to write figures beside them.  This command lays
them out as the repository does -- ``DIR/notebooks/`` and ``DIR/seeds/`` --
so each notebook's defaults (``corpus = "../seeds"``,
``figures_dir = "../figures"``) work unchanged in ``DIR``.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from analysis.errors import ParameterError

NAME = "notebooks"
HELP = "copy the report notebooks and the sample corpus into a folder, to open in JupyterLab"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", help="where to put notebooks/ and seeds/ (created)")
    parser.add_argument("--force", action="store_true", help="replace files that are already there")


def copy_notebooks(folder: str | Path, force: bool = False) -> list[Path]:
    """Copy the package's notebooks and sample corpus into ``folder/notebooks`` and ``folder/seeds``.

    Parameters
    ----------
    folder : str or Path
        Target folder (created).
    force : bool, default False
        Replace existing files; otherwise an existing file is an error and
        nothing is copied.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ParameterError
        If a file to write exists and ``force`` is False.
    """
    from analysis.paths import default_corpus, notebooks_dir

    target = Path(folder).expanduser()
    plan = [(src, target / "notebooks" / src.name) for src in sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))]
    seeds = default_corpus()
    plan += [(src, target / "seeds" / src.relative_to(seeds)) for src in sorted(seeds.rglob("*"))
             if src.is_file() and not any(part.startswith(".") for part in src.relative_to(seeds).parts)]
    existing = [dest for _, dest in plan if dest.exists()]
    if existing and not force:
        raise ParameterError(f"{existing[0]} already exists ({len(existing)} file(s) would be replaced); "
                             f"use --force to replace them")
    for src, dest in plan:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    return [dest for _, dest in plan]


def run(args: argparse.Namespace) -> int:
    written = copy_notebooks(args.folder, force=args.force)
    folder = Path(args.folder).expanduser()
    n_notebooks = sum(p.parent.name == "notebooks" for p in written)
    print(f"{n_notebooks} notebooks in {folder / 'notebooks'}, the sample corpus in {folder / 'seeds'}")
    print(f"open them with: jupyter lab {folder / 'notebooks'}   (kernel: Python (osint-analysis))")
    return 0
