"""Build hook: ship the top-level ``notebooks/`` and ``seeds/`` folders inside the package.

All metadata lives in pyproject.toml; this file only adds one step to
``build_py``.  The repository keeps the notebooks and the sample corpus at
its top level (where people open and edit them), but an installed package
can only read files inside itself, so a (non-editable) build copies them to
``analysis/resources/notebooks`` and ``analysis/resources/seeds``, where
:mod:`analysis.paths` finds them with :mod:`importlib.resources`.  An
editable install needs no copy: :mod:`analysis.paths` reads the checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# folder -> the files of it that ship (notebooks: the .ipynb of each pair; seeds: the corpus)
SHIPPED = {
    "notebooks": ("[0-9][0-9]_*.ipynb",),
    "seeds": ("*.txt", "*.md", "*.csv", "*.json", "*.jsonl", "*.yaml", "*.yml"),
}


class BuildPyWithResources(build_py):
    """``build_py`` that also copies the shipped folders into ``analysis/resources``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "analysis" / "resources"
        for folder, patterns in SHIPPED.items():
            source = HERE / folder
            if not source.is_dir():
                raise FileNotFoundError(f"{source}: the package ships this folder; it is missing")
            dest = target / folder
            shutil.rmtree(dest, ignore_errors=True)
            for pattern in patterns:
                for path in sorted(source.rglob(pattern)):
                    if any(part.startswith(".") for part in path.relative_to(source).parts):
                        continue  # .ipynb_checkpoints and other hidden folders
                    out = dest / path.relative_to(source)
                    out.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, out)


setup(cmdclass={"build_py": BuildPyWithResources})
