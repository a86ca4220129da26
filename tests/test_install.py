"""A pip-installed copy renders from any folder: wheel -> fresh venv -> ``osint-news render``.

Offline and fast: the wheel is built without build isolation when the
running setuptools can (else pip fetches the build backend), installed with
``--no-deps`` into a fresh venv, and the fresh venv sees this environment's
dependencies through a ``.pth`` line placed *after* its own site-packages
(a path line does not run this environment's ``.pth`` files, so an editable
install of the checkout here cannot shadow the wheel).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCE_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE")
SOURCE_DIRS = ("analysis", "notebooks", "seeds")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _copy_source(dest: Path) -> Path:
    # Build from a copy, so build/ and *.egg-info never land in the checkout.
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "resources")
    for name in SOURCE_DIRS:
        shutil.copytree(REPO / name, dest / name, ignore=ignore)
    for name in SOURCE_FILES:
        shutil.copy2(REPO / name, dest / name)
    return dest


def _can_build_here() -> bool:
    try:
        import setuptools
    except ImportError:
        return False
    return int(setuptools.__version__.split(".")[0]) >= 77


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "JPY_SESSION_NAME", "VIRTUAL_ENV", "JUPYTER_PATH")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    root = tmp_path_factory.mktemp("install")
    source = _copy_source(root / "src")
    wheels = root / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(source)]
    if _can_build_here():
        build.insert(4, "--no-build-isolation")
    subprocess.run(build, check=True, env=_clean_env(), cwd=root, timeout=600)
    wheel = next(wheels.glob("osint_news_analysis-*.whl"))

    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    (site / "zz_shared_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # ... and the data files pip would have installed with them (nbconvert's templates)
    templates = Path(sys.prefix) / "share" / "jupyter" / "nbconvert"
    if templates.is_dir():
        (env_dir / "share" / "jupyter").mkdir(parents=True, exist_ok=True)
        (env_dir / "share" / "jupyter" / "nbconvert").symlink_to(templates)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet",
                    str(wheel)], check=True, env=_clean_env(), timeout=300)
    return {"root": root, "python": python, "bin": env_dir / "bin", "wheel": wheel}


def test_wheel_ships_notebooks_seeds_and_the_kernel(installed):
    import zipfile

    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    notebooks = sorted(n for n in names if n.startswith("analysis/resources/notebooks/"))
    assert [Path(n).name for n in notebooks] == sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert "analysis/resources/seeds/manifest.csv" in names
    assert sum(n.startswith("analysis/resources/seeds/") and n.endswith(".txt") for n in names) == \
        len(list((REPO / "seeds").glob("*.txt")))
    assert any(n.endswith(".data/data/share/jupyter/kernels/osint-analysis/kernel.json") for n in names)
    assert not any(n.endswith(".py") and "/resources/notebooks/" in n for n in names)  # the .ipynb of each pair only


def test_installed_copy_finds_its_own_files_and_kernel(installed, tmp_path):
    probe = ("import json, analysis.paths as p; from jupyter_client.kernelspec import KernelSpecManager as K;"
             "print(json.dumps({'nb': str(p.notebooks_dir()), 'seeds': str(p.default_corpus()), "
             "'kernels': K().find_kernel_specs(), 'argv': K().get_kernel_spec('osint-analysis').argv}))")
    out = json.loads(subprocess.check_output([installed["python"], "-c", probe], env=_clean_env(), cwd=tmp_path,
                                             text=True))
    venv_dir = installed["root"] / "venv"
    assert Path(out["nb"]).is_relative_to(venv_dir) and Path(out["nb"]).name == "notebooks"
    assert Path(out["seeds"]).is_relative_to(venv_dir)
    # JupyterLab of this environment offers the kernel; "python" is the interpreter that launches it
    assert Path(out["kernels"]["osint-analysis"]).is_relative_to(venv_dir)
    assert out["argv"][0] == "python"


def test_installed_summary_defaults_to_the_packaged_sample(installed, tmp_path):
    done = subprocess.run([installed["bin"] / "osint-news", "summary", "--no-readability"], env=_clean_env(),
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "5 articles" in done.stdout


def test_installed_render_works_from_any_folder(installed, tmp_path):
    corpus = tmp_path / "my corpus"
    shutil.copytree(REPO / "seeds", corpus)
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    repo_figures_before = sorted((REPO / "figures").rglob("*")) if (REPO / "figures").is_dir() else []
    done = subprocess.run([installed["bin"] / "osint-news", "render", "--corpus", "../../my corpus", "--out", "out",
                           "-p", "run_date=2024-06-03"],
                          env=_clean_env(), cwd=elsewhere, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr + done.stdout
    run = json.loads((elsewhere / "out" / "latest" / "run.json").read_text())
    venv_dir = installed["root"] / "venv"
    assert run["status"] == "ok" and run["kernel"] == "osint-analysis"
    assert run["corpus"]["path"] == str(corpus.resolve())
    # every static report ran (interactive notebooks such as 07_explore are left out of a render)
    from analysis.report.rendering.plan import is_static_report

    static = [p for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb") if is_static_report(p)]
    assert len(run["notebooks"]) == len(static)
    for nb in run["notebooks"]:
        assert Path(nb["source"]).is_relative_to(venv_dir), nb["source"]  # the installed notebooks ran
        assert (elsewhere / "out" / "latest" / nb["html"]).is_file()
    assert run["shared_tables"]["ok"] is True
    assert (elsewhere / "out" / "latest" / "tables" / "claims.parquet").is_file()
    # nothing was written into the checkout the test runs from
    after = sorted((REPO / "figures").rglob("*")) if (REPO / "figures").is_dir() else []
    assert after == repo_figures_before


def test_installed_notebooks_copy_out_for_jupyterlab(installed, tmp_path):
    done = subprocess.run([installed["bin"] / "osint-news", "notebooks", "lab"], env=_clean_env(), cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "lab" / "notebooks").glob("*.ipynb"))) == \
        len(list((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    assert (tmp_path / "lab" / "seeds" / "manifest.csv").is_file()


def test_render_registers_the_kernel_when_it_is_missing(installed, tmp_path):
    spec_dir = installed["root"] / "venv" / "share" / "jupyter" / "kernels" / "osint-analysis"
    shipped = (spec_dir / "kernel.json").read_bytes()
    shutil.rmtree(spec_dir)
    try:
        done = subprocess.run([installed["bin"] / "osint-news", "render", "--notebooks", "timeline", "--out", "out"],
                              env=_clean_env(), cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr + done.stdout
        assert "registered kernel 'osint-analysis'" in done.stderr
        registered = json.loads((spec_dir / "kernel.json").read_text())
        assert Path(registered["argv"][0]).parent == installed["bin"]  # this environment's interpreter
        # a --notebooks subset moves latest-partial, never latest
        assert not (tmp_path / "out" / "latest").exists()
        assert json.loads((tmp_path / "out" / "latest-partial" / "run.json").read_text())["kernel"] == "osint-analysis"
    finally:
        shutil.rmtree(spec_dir, ignore_errors=True)
        spec_dir.mkdir(parents=True)
        (spec_dir / "kernel.json").write_bytes(shipped)
