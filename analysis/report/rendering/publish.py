"""The run folder's life: a hidden temporary folder, then one atomic rename.

A render writes everything into ``DIR/.tmp-<run-id>/``.  Only when the run is
complete is it renamed to ``DIR/<run-id>/`` (``rename(2)`` within one file
system is atomic: readers see the whole run or nothing), and only when every
notebook succeeded is ``DIR/latest`` re-pointed, by creating a new symlink
under a temporary name and ``os.replace``-ing it over the old one (also
atomic: ``latest`` is never missing or half-updated).

A run killed before publishing leaves only a ``.tmp-*`` folder, which the
next run removes while holding the lock (no live render can own it then).
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from analysis.errors import RenderError

TEMP_PREFIX = ".tmp-"
LATEST = "latest"
#: The last fully successful run of a subset of the notebooks (``--notebooks 01``); ``latest`` stays
#: on the last complete one, so a partial run never hides the reports it did not render.
LATEST_PARTIAL = "latest-partial"
_LINK_PREFIX = ".latest-"

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def is_folder_fault(exc: OSError) -> bool:
    """True for an error of the output folder itself (full or read-only): no notebook could be written."""
    return exc.errno in _FULL | _READ_ONLY


def describe_os_error(exc: OSError, what: str, out_dir: Path) -> RenderError:
    """Turn an ``OSError`` met while writing reports into a one-line :class:`RenderError`."""
    reason = exc.strerror or str(exc)
    if exc.errno in _FULL:
        return RenderError(f"output folder {out_dir} is full ({reason}) while {what}; "
                           f"free some space and render again (the last good report is untouched)")
    if exc.errno in _READ_ONLY:
        return RenderError(f"output folder {out_dir} is not writable ({reason}) while {what}; "
                           f"choose another folder with --out")
    return RenderError(f"cannot write into {out_dir} while {what}: {reason}")


def prepare_out_dir(out_dir: Path) -> Path:
    """Create the output folder if needed and check that it can be written to."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise describe_os_error(exc, "creating it", out_dir) from None
    if not out_dir.is_dir():
        raise RenderError(f"output path {out_dir} exists and is not a folder")
    return out_dir


def remove_stale(out_dir: Path) -> list[str]:
    """Remove temporary run folders and links left by killed runs; call only under the lock.

    Returns the names removed.
    """
    removed = []
    for entry in Path(out_dir).iterdir():
        if entry.name.startswith(TEMP_PREFIX) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
        elif entry.name.startswith(_LINK_PREFIX) and entry.is_symlink():
            try:
                entry.unlink()
                removed.append(entry.name)
            except OSError:
                pass
    return removed


def unique_run_id(out_dir: Path, base: str) -> str:
    """``base``, or ``base-2``, ``base-3``... so two runs in one second never collide."""
    candidate, n = base, 1
    while (out_dir / candidate).exists() or (out_dir / f"{TEMP_PREFIX}{candidate}").exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def make_temp_run(out_dir: Path, run_id: str) -> Path:
    """Create ``DIR/.tmp-<run-id>/`` (and its ``figures/``) and return it."""
    temp = out_dir / f"{TEMP_PREFIX}{run_id}"
    try:
        temp.mkdir()
        (temp / "figures").mkdir()
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise describe_os_error(exc, "creating the run folder", out_dir) from None
    return temp


def discard(temp: Path | None) -> None:
    """Remove a temporary run folder (best effort: the next run cleans what is left)."""
    if temp is not None and temp.name.startswith(TEMP_PREFIX):
        shutil.rmtree(temp, ignore_errors=True)


def publish(temp: Path, out_dir: Path, run_id: str) -> Path:
    """Atomically move the finished temporary folder to ``DIR/<run-id>`` and return it."""
    final = out_dir / run_id
    try:
        _fsync_tree(temp)
        os.rename(temp, final)
        _fsync_dir(out_dir)
    except OSError as exc:
        raise describe_os_error(exc, f"publishing {run_id}", out_dir) from None
    return final


def update_latest(out_dir: Path, run_id: str, name: str = LATEST) -> Path:
    """Point ``DIR/<name>`` (``latest`` or ``latest-partial``) at ``run_id`` atomically (relative link)."""
    latest = out_dir / name
    if latest.exists() and not latest.is_symlink():
        raise RenderError(f"{latest} exists and is not a symlink; move it away so render can "
                          f"point it at the last good run")
    link = out_dir / f"{_LINK_PREFIX}{os.getpid()}"
    try:
        if link.is_symlink() or link.exists():
            link.unlink()
        os.symlink(run_id, link)
        os.replace(link, latest)
        _fsync_dir(out_dir)
    except OSError as exc:
        try:
            link.unlink()
        except OSError:
            pass
        raise describe_os_error(exc, "updating the 'latest' link", out_dir) from None
    return latest


def _fsync_tree(root: Path) -> None:
    # Data first, then the rename: after a power cut the published folder is
    # complete, not a folder of empty files.
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on folders; the rename is still atomic
    finally:
        os.close(fd)
