# Two commands for a new user: `make report` and `make test`.
# Both create the virtual environment on first use; nothing is downloaded at
# run time beyond the package registries.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
KERNEL := osint-analysis
REPORTS ?= reports

.PHONY: all setup report test lab bench bench-quick bench-render sync-notebooks wheel clean

all: report

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,scale,bench]'
	# An editable install carries no data files, so register the kernel the
	# wheel would ship (render would also do it on first use; `make lab` needs it first).
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (osint-analysis)" >/dev/null
	touch $(STAMP)

setup: $(STAMP)

report: $(STAMP)
	$(PY) -m analysis render --corpus seeds --out $(REPORTS)

test: $(STAMP)
	$(PY) -m pytest -q

# JupyterLab on notebooks/ with the osint-analysis kernel (registered by setup)
# as the default for new notebooks; root (containers) needs --allow-root.
# Extra options: make lab LAB_ARGS="--no-browser --port 8890"
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/ --MappingKernelManager.default_kernel_name=$(KERNEL) \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

bench: $(STAMP)
	$(PY) benchmarks/run_all.py
	$(PY) benchmarks/bench_adversarial.py
	$(PY) benchmarks/bench_render.py

# all reports on the seeds against one bare kernel per notebook (target: 2x)
bench-render: $(STAMP)
	$(PY) benchmarks/bench_render.py --compare

# a slice of the bench corpus and small scales: a minute or two
bench-quick: $(STAMP)
	$(PY) benchmarks/run_all.py --quick
	$(PY) benchmarks/bench_adversarial.py --quick

# After editing a notebook or its paired percent script by hand: bring each
# pair back in step (the newer file wins), then commit both.
sync-notebooks: $(STAMP)
	$(VENV)/bin/jupytext --sync notebooks/[0-9][0-9]_*.ipynb

# The wheel `pip install` would build: notebooks, sample corpus and kernel spec inside.
wheel: $(STAMP)
	$(PY) -m pip wheel --no-deps -w dist .

clean:
	rm -rf $(VENV) $(REPORTS) .pytest_cache build dist *.egg-info
