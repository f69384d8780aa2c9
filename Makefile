# Wirebrief: `make html` builds the sample site, `make test` runs every test.
# Both create .venv from the pinned versions when it is missing or out of date.

HERE := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
PY ?= python3
VENV ?= $(HERE)/.venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PELICANOPTS ?=

INPUTDIR ?= $(HERE)/content
OUTPUTDIR ?= $(HERE)/output
CONFFILE ?= $(HERE)/pelicanconf.py
PUBLISHCONF ?= $(HERE)/publishconf.py
HOST ?= 127.0.0.1
PORT ?= 8000
SEARCH ?= yes
VNU_VERSION := 26.9.27
TOOLS := $(HERE)/.tools

.PHONY: bench bench-ab help venv ingest review edition html regenerate clean serve devserver publish github rsync_upload s3_upload test test-tools fuzz bench-extraction

help:
	@echo 'make html              ingest seeds/ and build the site into output/ (SEARCH=no: skip the search index)'
	@echo 'make test              run the whole test suite'
	@echo 'make ingest            turn seeds/ into posts in content/briefings/ only'
	@echo 'make review            list briefings whose extraction an editor should check'
	@echo 'make edition           print where the latest day'"'"'s email edition is (DAY=YYYY-MM-DD; SEND=yes: send it by SMTP)'
	@echo 'make serve             serve output/ on http://$(HOST):$(PORT)/'
	@echo 'make devserver         serve on http://$(HOST):$(PORT)/, rebuilding when seeds/, content/, theme/ or plugins/ change'
	@echo 'make publish           build with publishconf.py (SITEURL from the environment)'
	@echo 'make github            push output/ to the gh-pages branch (ghp-import)'
	@echo 'make rsync_upload      rsync output/ to RSYNC_TARGET (default SSH_USER@SSH_HOST:SSH_TARGET_DIR)'
	@echo 'make s3_upload         aws s3 sync output/ to S3_BUCKET'
	@echo 'make clean             remove output/'
	@echo 'make fuzz              fuzz the extractor for FUZZ_SECONDS (default 600)'
	@echo 'make bench-extraction  measure extraction on Reuters-21578 and wire-real (../shared)'
	@echo 'make bench             build speed and memory against plain Pelican and Hugo'
	@echo 'make bench-ab          two commits side by side (BEFORE=, AFTER=): cold build and one new seed'

$(VENV)/.installed: $(HERE)/pyproject.toml $(HERE)/requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(HERE)/requirements.lock -e '$(HERE)[test]'
	@touch $@

venv: $(VENV)/.installed

ingest: venv
	$(BIN)/wirebrief ingest

review: venv
	$(BIN)/wirebrief review

# The day's edition for email, written by every build into output/edition/ (site/edition.py):
# where its files are, or (SEND=yes) hand it to the SMTP server of WIREBRIEF_SMTP_* in the settings.
edition: venv
	@$(BIN)/wirebrief --settings $(CONFFILE) edition --output $(OUTPUTDIR) $(if $(DAY),--day $(DAY)) $(if $(filter yes,$(SEND)),--send)

# The build ends with the search index (Pagefind, site/search.py): the months that changed only.
SEARCHOPTS := $(if $(filter no,$(SEARCH)),-e WIREBRIEF_SEARCH=false)
html: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(SEARCHOPTS) $(PELICANOPTS)

regenerate: venv
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(SEARCHOPTS) $(PELICANOPTS)

clean:
	rm -rf $(OUTPUTDIR)

serve: venv
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b $(HOST) -p $(PORT)

devserver: venv
	cd $(HERE) && $(BIN)/wirebrief --settings $(CONFFILE) devserver --bind $(HOST) --port $(PORT) --output $(OUTPUTDIR)

# Build into a fresh folder; swap it in only when the build, the search index and the
# compressed copies succeed, so output/ is never half-written and a failed publish (a full
# disk included) leaves the last good site in place and no output.new/ behind.
PUBLISH_FAILED = { rm -rf $(OUTPUTDIR).new; echo "publish: failed; $(OUTPUTDIR)/ is left as it was" >&2; exit 1; }
publish: venv
	rm -rf $(OUTPUTDIR).new $(OUTPUTDIR).old
	{ WIREBRIEF_PUBLISH_OUTPUT="$(abspath $(OUTPUTDIR))" $(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR).new -s $(PUBLISHCONF) --fatal errors $(PELICANOPTS) && \
	  $(BIN)/wirebrief precompress $(OUTPUTDIR).new; } || $(PUBLISH_FAILED)
	if [ -d $(OUTPUTDIR) ]; then mv $(OUTPUTDIR) $(OUTPUTDIR).old || $(PUBLISH_FAILED); fi
	mv $(OUTPUTDIR).new $(OUTPUTDIR) || { if [ -d $(OUTPUTDIR).old ]; then mv $(OUTPUTDIR).old $(OUTPUTDIR); fi; $(PUBLISH_FAILED); }
	rm -rf $(OUTPUTDIR).old

# Deploying output/ (run `make publish` first). Each target says what it needs.
GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_REMOTE ?= origin
SSH_HOST ?= localhost
SSH_PORT ?= 22
SSH_USER ?= root
SSH_TARGET_DIR ?= /var/www
RSYNC_TARGET ?= $(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)
S3_BUCKET ?= my-briefings-bucket

# GitHub Pages: commit output/ to the gh-pages branch (ghp-import) and push it.
github: venv
	$(BIN)/ghp-import -n -p -f -r $(GITHUB_REMOTE) -b $(GITHUB_PAGES_BRANCH) -m "Publish briefings" $(OUTPUTDIR)

# Any web server over SSH (or a local folder: RSYNC_TARGET=/srv/www). Needs rsync.
rsync_upload:
	rsync -e "ssh -p $(SSH_PORT)" -P -rvzc --delete --exclude .DS_Store $(OUTPUTDIR)/ $(RSYNC_TARGET)

# Amazon S3: needs the AWS CLI and credentials in the environment.
s3_upload:
	aws s3 sync $(OUTPUTDIR)/ s3://$(S3_BUCKET) --delete --only-show-errors

# What the browser and validator tests need, installed when missing: Debian's chromium
# (as root, through apt-get), a Java runtime, and the Nu HTML Checker from npm into .tools/.
test-tools:
	@command -v chromium >/dev/null 2>&1 || { echo "installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v rsync >/dev/null 2>&1 || { echo "installing rsync"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync >/dev/null; }
	@command -v java >/dev/null 2>&1 || { echo "installing a Java runtime"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	@test -f $(TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar || { echo "installing vnu-jar $(VNU_VERSION) into .tools/"; \
	  npm install --silent --prefix $(TOOLS) --no-audit --no-fund vnu-jar@$(VNU_VERSION); }

test: venv test-tools
	$(BIN)/python -m pytest $(PYTESTOPTS)

# The extractor fuzzed for longer than `make test` does (20 s there).
FUZZ_SECONDS ?= 600
fuzz: venv
	WIREBRIEF_FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m pytest -q tests/extract/test_fuzz.py

# Build speed and memory against plain Pelican and Hugo (BENCH_N="1000 10000", BENCH_RUNS=3;
# BENCH_BASELINE_RUNS for plain Pelican and Hugo (half a minute or more a build at 10,000), which are
# not run above BENCH_BASELINE_MAX_N (empty: at every N); the tables go into benchmarks/README.md
# between the BENCH_BLOCK markers. The large run, without baselines:
#   make bench BENCH_N="50000 100000" BENCH_RUNS=1 BENCH_BLOCK=bench-50k
BENCH_N ?= 1000 10000
BENCH_RUNS ?= 3
BENCH_BASELINE_RUNS ?= $(BENCH_RUNS)
BENCH_BASELINE_MAX_N ?= 10000
BENCH_BLOCK ?= bench
bench: venv
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(HERE)/requirements.lock -e '$(HERE)[test,bench]'
	$(BIN)/python benchmarks/run.py --n $(BENCH_N) --runs $(BENCH_RUNS) --baseline-runs $(BENCH_BASELINE_RUNS) \
		$(if $(BENCH_BASELINE_MAX_N),--baseline-max-n $(BENCH_BASELINE_MAX_N)) --write benchmarks/README.md --block $(BENCH_BLOCK)

# Two commits' plugins side by side on one generated site (cold build and one new seed):
#   make bench-ab BEFORE=52840ce AFTER=HEAD [AB_N=10000] [AB_RUNS=4] [AB_NEW_SEEDS=3]
# (an even AB_RUNS: each version builds first in half the runs)
AB_N ?= 10000
AB_RUNS ?= 4
AB_NEW_SEEDS ?= 3
bench-ab: venv
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(HERE)/requirements.lock -e '$(HERE)[test,bench]'
	$(BIN)/python benchmarks/ab.py $(BEFORE) $(AFTER) --n $(AB_N) --runs $(AB_RUNS) --new-seeds $(AB_NEW_SEEDS)

bench-extraction: venv
	$(BIN)/python benchmarks/extraction.py
