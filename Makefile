# Wirebrief: `make html` builds the sample site, `make test` runs every test.
# Both create .venv from the pinned versions when it is missing or out of date.

PY ?= python3
VENV ?= $(CURDIR)/.venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PELICANOPTS ?=

INPUTDIR := $(CURDIR)/content
OUTPUTDIR ?= $(CURDIR)/output
CONFFILE := $(CURDIR)/pelicanconf.py
PUBLISHCONF := $(CURDIR)/publishconf.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help venv ingest html regenerate clean serve devserver publish test bench-extraction

help:
	@echo 'make html              ingest seeds/ and build the site into output/'
	@echo 'make test              run the whole test suite'
	@echo 'make ingest            turn seeds/ into posts in content/briefings/ only'
	@echo 'make serve             serve output/ on http://$(HOST):$(PORT)/'
	@echo 'make devserver         rebuild on changes and serve on http://$(HOST):$(PORT)/'
	@echo 'make publish           build with publishconf.py (SITEURL from the environment)'
	@echo 'make clean             remove output/'
	@echo 'make bench-extraction  measure extraction on Reuters-21578 (../shared)'

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	@touch $@

venv: $(VENV)/.installed

ingest: venv
	$(BIN)/wirebrief ingest

html: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

regenerate: venv
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

clean:
	rm -rf $(OUTPUTDIR)

serve: venv
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b $(HOST) -p $(PORT)

devserver: venv
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b $(HOST) -p $(PORT) $(PELICANOPTS)

publish: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

test: venv
	$(BIN)/python -m pytest $(PYTESTOPTS)

bench-extraction: venv
	$(BIN)/python benchmarks/extraction.py
