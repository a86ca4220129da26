"""Student and instructor versions of a teaching notebook.

A teaching notebook marks each worked answer -- code or markdown -- with the
cell tag ``solution``.  The *instructor* version is the notebook as written;
the *student* version is the same notebook with every solution cell removed
(not hidden: absent from the file, so no HTML, export or "show input" button
can reveal it).  Cells after a solution never depend on it, so both versions
execute top to bottom.

Use from the renderer (or any script)::

    from analysis.report import teaching
    paths = teaching.write_versions("notebooks/06_teaching_osint_methods.ipynb", tmp_dir)
    # {"student": .../06_teaching_osint_methods.student.ipynb,
    #  "instructor": .../06_teaching_osint_methods.instructor.ipynb}

then execute and convert each path like any other notebook.  From a shell::

    python -m analysis.report.teaching notebooks/06_teaching_osint_methods.ipynb OUT_DIR

Notebooks without solution cells need no second version:
:func:`has_solutions` tells them apart.

In a render (:func:`publish_versions`), the run folder ``DIR/<run-id>/``
gets only the student material -- ``<name>.html`` (code shown: the
exercises, their answer cells and hints; no solution) and
``notebooks/<name>.ipynb`` (the executed notebook with the solution cells
removed) -- so the folder can be handed to a class as it is.  The
instructor material -- ``<name>.instructor.html`` (solution code and
outputs) and the executed notebook with its solutions -- goes to
``DIR/instructor/<run-id>/``, outside the run folder.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
from pathlib import Path
from typing import Iterable, Sequence

import nbformat

from analysis.errors import ParameterError

SOLUTION_TAG = "solution"
AUDIENCES = ("student", "instructor")
#: Folder of the output directory that holds instructor material, one sub-folder per run.
INSTRUCTOR_FOLDER = "instructor"


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def has_solutions(nb: nbformat.NotebookNode, tag: str = SOLUTION_TAG) -> bool:
    """Whether any cell of ``nb`` carries the solution tag."""
    return any(tag in _tags(cell) for cell in nb.cells)


def strip_solutions(nb: nbformat.NotebookNode, tag: str = SOLUTION_TAG) -> nbformat.NotebookNode:
    """A copy of ``nb`` without the cells tagged ``tag`` (the student version).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A version-4 notebook (``nbformat.read(path, as_version=4)``).
    tag : str, default "solution"
        Cells carrying this tag are removed.

    Returns
    -------
    nbformat.NotebookNode
        A deep copy; ``nb`` itself is not modified.  The copy's metadata
        records ``osint_teaching = {"audience": "student", "removed": n}``.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("Exercise: count the sources."),
    ...     nbformat.v4.new_code_cell("len(sources)", metadata={"tags": ["solution"]})])
    >>> student = strip_solutions(nb)
    >>> [c.source for c in student.cells]
    ['Exercise: count the sources.']
    >>> len(nb.cells)
    2
    """
    student = copy.deepcopy(nb)
    kept = [cell for cell in student.cells if tag not in _tags(cell)]
    removed = len(student.cells) - len(kept)
    student.cells = kept
    student.metadata["osint_teaching"] = {"audience": "student", "removed": removed}
    return student


def audience_version(nb: nbformat.NotebookNode, audience: str,
                     tag: str = SOLUTION_TAG) -> nbformat.NotebookNode:
    """The version of ``nb`` for ``audience`` ("student" or "instructor").

    Raises
    ------
    analysis.errors.ParameterError
        For any other audience.
    """
    if audience == "student":
        return strip_solutions(nb, tag)
    if audience == "instructor":
        out = copy.deepcopy(nb)
        out.metadata["osint_teaching"] = {"audience": "instructor", "removed": 0}
        return out
    raise ParameterError(f"audience {audience!r} is not one of {', '.join(AUDIENCES)}")


def write_versions(source: str | Path, out_dir: str | Path,
                   audiences: Iterable[str] = AUDIENCES, tag: str = SOLUTION_TAG) -> dict[str, Path]:
    """Write ``<stem>.<audience>.ipynb`` for each audience into ``out_dir``.

    Parameters
    ----------
    source : str or pathlib.Path
        The teaching notebook (with its solution cells).
    out_dir : str or pathlib.Path
        Folder to write into (created if missing).
    audiences : iterable of str, default ("student", "instructor")
    tag : str, default "solution"

    Returns
    -------
    dict
        audience -> path written.

    Raises
    ------
    analysis.errors.ParameterError
        If ``source`` is missing or not a notebook, or an audience is unknown.

    Examples
    --------
    >>> write_versions("notebooks/06_teaching_osint_methods.ipynb", "build")  # doctest: +SKIP
    {'student': PosixPath('build/06_teaching_osint_methods.student.ipynb'),
     'instructor': PosixPath('build/06_teaching_osint_methods.instructor.ipynb')}
    """
    source = Path(source)
    try:
        nb = nbformat.read(source, as_version=4)
    except FileNotFoundError:
        raise ParameterError(f"{source}: notebook not found") from None
    except Exception as exc:  # nbformat raises several unrelated types for bad files
        raise ParameterError(f"{source}: not a readable notebook ({exc})") from None
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for audience in audiences:
        version = audience_version(nb, audience, tag)
        target = folder / f"{source.stem}.{audience}.ipynb"
        nbformat.write(version, target)
        written[audience] = target
    return written


def instructor_dir(run_dir: str | Path) -> Path:
    """Where a run's instructor material goes: ``DIR/instructor/<run-id>/`` for ``DIR/<run-id>``.

    ``run_dir`` may be the run's temporary folder ``DIR/.tmp-<run-id>``.
    """
    from analysis.report.rendering.publish import TEMP_PREFIX

    run_dir = Path(run_dir)
    run_id = run_dir.name[len(TEMP_PREFIX):] if run_dir.name.startswith(TEMP_PREFIX) else run_dir.name
    return run_dir.parent / INSTRUCTOR_FOLDER / run_id


def publish_versions(converter, nb: nbformat.NotebookNode, *, name: str, title: str, run_dir: str | Path,
                     executed: str | Path | None = None, base_dir: Path | None = None,
                     tag: str = SOLUTION_TAG) -> dict[str, str]:
    """Write a teaching notebook's student files into the run folder and its instructor files outside it.

    Parameters
    ----------
    converter : analysis.report.rendering.convert.ReportConverter
        Renders the HTML (with code shown).
    nb : nbformat.NotebookNode
        The executed notebook, solutions included.
    name, title : str
        The notebook's stem and title.
    run_dir : str or pathlib.Path
        The run folder (or its temporary folder).
    executed : str or pathlib.Path, optional
        The executed notebook file in ``run_dir/notebooks/``: moved to the
        instructor folder and replaced by the student version.
    base_dir : pathlib.Path, optional
        Folder relative markdown images are resolved against.

    Returns
    -------
    dict
        ``html`` (relative to the run folder) and ``instructor_dir`` (the
        instructor folder, relative to the run folder).
    """
    run_dir = Path(run_dir)
    teacher = instructor_dir(run_dir)
    teacher.mkdir(parents=True, exist_ok=True)
    converter.write(nb, run_dir / f"{name}.html", title=title, keep_solutions=False, base_dir=base_dir,
                    current=name, show_code=True)
    back = f"../../{teacher.name}/"  # from DIR/instructor/<run-id>/ to DIR/<run-id>/
    converter.write(nb, teacher / f"{name}.instructor.html", title=f"{title} (instructor)", keep_solutions=True,
                    base_dir=base_dir, current=name, show_code=True, link_prefix=back)
    if executed is not None and Path(executed).exists():
        os.replace(executed, teacher / f"{name}.ipynb")
        nbformat.write(strip_solutions(nb, tag), executed)
    return {"html": f"{name}.html",
            "instructor_dir": f"../{INSTRUCTOR_FOLDER}/{teacher.name}/"}


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.report.teaching NOTEBOOK OUT_DIR [--audience student]``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis.report.teaching",
        description="Write student (solutions removed) and instructor versions of a teaching notebook.")
    parser.add_argument("notebook", help="the teaching notebook (.ipynb)")
    parser.add_argument("out_dir", help="folder for <stem>.<audience>.ipynb")
    parser.add_argument("--audience", action="append", choices=AUDIENCES,
                        help="version to write (repeatable; default: both)")
    parser.add_argument("--tag", default=SOLUTION_TAG, help="cell tag marking solutions (default: solution)")
    args = parser.parse_args(argv)
    try:
        paths = write_versions(args.notebook, args.out_dir, args.audience or AUDIENCES, args.tag)
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for audience, path in paths.items():
        print(f"{audience}\t{path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
