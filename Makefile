# Two commands for a new user: `make report` and `make test`.
# Both create the virtual environment on first use; nothing is downloaded at
# run time beyond the package registries.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
KERNEL := osint-analysis
REPORTS ?= reports

.PHONY: all setup report test lab bench clean

all: report

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,scale,bench]'
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (osint-analysis)" >/dev/null
	touch $(STAMP)

setup: $(STAMP)

report: $(STAMP)
	$(PY) -m analysis render --corpus seeds --out $(REPORTS)

test: $(STAMP)
	$(PY) -m pytest -q

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(REPORTS) .pytest_cache build *.egg-info
