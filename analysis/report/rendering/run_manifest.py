"""``run.json``: what a run used and what it produced, to reproduce or audit it.

The manifest records the parameters each notebook received, a fingerprint of
the corpus (a SHA-256 over every file's relative path and bytes, so any edit,
addition or removal of an article changes it), the versions of the packages
that shape the output, the code revision, and each notebook's status and
timings.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

# Packages whose versions can change what a report shows.
_PACKAGES = ("osint-news-analysis", "pandas", "numpy", "matplotlib", "textstat", "scikit-learn", "pyyaml",
             "papermill", "nbconvert", "nbformat", "nbclient", "ipykernel", "jupyter_client")
_CHUNK = 1 << 20


def corpus_fingerprint(path: str | Path) -> dict[str, Any]:
    """Hash a corpus: every regular file under it (or the one file), by relative path and bytes.

    Hidden files and folders (``.git``, ``.ipynb_checkpoints``) are left out;
    symlinks are followed only if they stay inside the corpus.

    Parameters
    ----------
    path : str or Path
        Corpus folder or file.

    Returns
    -------
    dict
        ``sha256`` (hex), ``files`` (count), ``bytes`` (total) and ``path``.

    Examples
    --------
    >>> corpus_fingerprint("seeds")["files"]        # doctest: +SKIP
    6
    """
    root = Path(path).resolve()
    digest = hashlib.sha256()
    n_files = n_bytes = 0
    if root.is_file():
        files = [(root.name, root)]
    else:
        files = []
        for dirpath, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                full = Path(dirpath, name)
                try:
                    if full.is_symlink() and not full.resolve().is_relative_to(root):
                        continue
                except OSError:
                    continue
                files.append((full.relative_to(root).as_posix(), full))
        files.sort()
    for rel, full in files:
        try:
            with open(full, "rb") as handle:
                digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
                size = 0
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                digest.update(b"\0%d\0" % size)
        except OSError:
            continue  # unreadable files are the loader's business; it reports them
        n_files += 1
        n_bytes += size
    return {"path": str(root), "sha256": digest.hexdigest(), "files": n_files, "bytes": n_bytes}


def package_versions() -> dict[str, str]:
    """Installed versions of the packages that shape the reports, plus Python's."""
    versions = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def code_revision(repo: Path) -> dict[str, Any] | None:
    """The git commit of the repository and whether it had uncommitted changes, if it is a checkout."""
    if not (repo / ".git").exists():
        return None
    try:
        commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True,
                                text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": commit, "dirty": bool(dirty)}


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """Write ``run.json`` (sorted keys, UTF-8, trailing newline)."""
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False, default=str)
    path.write_text(text + "\n", encoding="utf-8")


def environment_summary() -> dict[str, Any]:
    """Interpreter and platform the render ran on."""
    return {"executable": sys.executable, "platform": platform.platform()}
