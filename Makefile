# Two commands on a fresh machine: `make html` and `make test` (see README.md).
# Each creates .venv and installs the pinned dependencies on first use.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
NEWSROOM := $(VENV)/bin/newsroom
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt pyproject.toml | cksum | cut -d' ' -f1)
# The locks' hashes are those of Linux x86-64 files (CI, servers): checked there; elsewhere
# (an officer's Mac) the same pinned versions are installed without that check.
HASHES := $(shell [ "$$(uname -sm)" = "Linux x86_64" ] && echo --require-hashes)
NODE_STAMP := node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: external-links devserver regenerate rsync_upload s3_upload github bench mutants due editor help html serve status new new-award new-notice check test lint weight search-quality fonts translations screenshots lock clean publish deploy-s3 deploy-rsync rollback deploy-gh-pages

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9_-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(HASHES) -r requirements.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

# Tests, lint and the other developer tools: on top of what the site needs.
$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(HASHES) -r requirements.txt -r requirements-dev.txt
	@rm -f $(VENV)/.installed-dev-*
	@touch $@

# Test tools from npm (the Nu HTML checker); skipped, with a note, where npm is missing.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the HTML validity and web editor tests will be skipped"; fi

html: $(STAMP) ## Check the content and build the site into output/ (untouched on any error)
	$(NEWSROOM) build

serve: $(STAMP) $(NODE_STAMP) ## Preview with drafts and scheduled articles, rebuilt on every save, web editor at /admin/ (PORT=8000)
	$(NEWSROOM) serve --port $(or $(PORT),8000)

status: $(STAMP) ## Translation status of every pair
	$(NEWSROOM) status

new: $(STAMP) ## Start a news pair: make new SLUG=road-opening
	$(NEWSROOM) new news "$(SLUG)"

new-award: $(STAMP) ## Start an award pair: make new-award SLUG=smart-city-prize
	$(NEWSROOM) new award "$(SLUG)"

new-notice: $(STAMP) ## Start an urgent notice pair: make new-notice SLUG=road-closure
	$(NEWSROOM) new notice "$(SLUG)"

due: $(STAMP) ## Is an article's date or a notice's expiry due now? (the 15-minute publish schedule; WINDOW=20)
	$(NEWSROOM) due --window $(or $(WINDOW),20)

editor: $(STAMP) $(NODE_STAMP) ## Write the web editor (/admin/, GitHub backend) into OUT=folder (needs EDITOR in pelican.conf.py)
	$(PY) -m newsroom.commands.editor --out "$(OUT)"

check: $(STAMP) ## Check all content of both languages and build it, without publishing (REPORT=file.json: also as JSON)
	$(NEWSROOM) build --check $(if $(REPORT),--report "$(REPORT)")

test: $(DEV_STAMP) $(NODE_STAMP) ## Run the whole test suite (unit, build; browser tests when Chromium is there)
	$(PY) -m pytest $(if $(filter true,$(CI)),--junitxml=test-artifacts/junit.xml)

publish: $(STAMP) ## Production build for publishing: SITEURL=https://… make publish (strict)
	STRICT=1 $(NEWSROOM) build --production $(if $(REPORT),--report "$(REPORT)")

# Pelican's usual names, for those who know them (a bare `pelican` command builds something
# else: no checks, no search, no release switch — use these or the names above).
devserver: serve ## (Pelican's name) the same as make serve
regenerate: serve ## (Pelican's name) the same as make serve: the preview rebuilds on every save
rsync_upload: publish deploy-rsync ## (Pelican's name) make publish, then make deploy-rsync
s3_upload: publish deploy-s3 ## (Pelican's name) make publish, then make deploy-s3
github: deploy-gh-pages ## (Pelican's name) the same as make deploy-gh-pages

external-links: $(STAMP) ## Check the links to other sites (needs the network; a report, never a failure; REPORT=links.md)
	$(NEWSROOM) external $(if $(REPORT),--report "$(REPORT)")

deploy-s3: $(DEV_STAMP) ## Upload output/ to an S3-compatible bucket (S3_BUCKET, S3_ENDPOINT_URL, keys; DRY_RUN=1)
	$(NEWSROOM) deploy s3

deploy-rsync: $(STAMP) ## Copy output/ as a new release to DEPLOY_TARGET and switch to it atomically
	$(NEWSROOM) deploy rsync

rollback: $(STAMP) ## Switch DEPLOY_TARGET back to the release before the current one
	$(NEWSROOM) deploy rollback

deploy-gh-pages: $(STAMP) ## Build for GitHub Pages and push it to GH_PAGES_REMOTE's gh-pages branch
	GH_PAGES=1 STRICT=1 $(NEWSROOM) build --production
	$(NEWSROOM) deploy gh-pages

mutants: $(DEV_STAMP) ## Mutation testing (mutmut) of the normaliser, the sanitizer and the publish switch (docs/testing.md)
	$(VENV)/bin/mutmut run; $(VENV)/bin/mutmut results

bench: $(DEV_STAMP) ## Benchmark 500 and 2,000 pairs (BENCH_N=5000 for others) beside Hugo if installed
	$(PY) tools/bench.py

weight: $(DEV_STAMP) ## Page weight of home and article pages in both languages (needs Chromium)
	$(PY) tools/weight.py

screenshots: $(DEV_STAMP) ## PNGs of the main pages, both languages, 375 and 1280 px, light and dark, into docs/screenshots/ (needs Chromium)
	$(PY) -m tools.screenshots

search-quality: $(DEV_STAMP) ## Search quality (P@1, R@5 of tools/search_queries.tsv) into docs/search.md (LABEL=after; needs Chromium)
	$(PY) -m tools.search_quality --label $(or $(LABEL),after) --out docs/search.md \
	  $(if $(wildcard docs/search-before.json),--compare docs/search-before.json)

fonts: $(DEV_STAMP) ## Remake the web font subsets in theme/static/fonts from theme/fonts
	$(PY) tools/fonts.py

lint: $(DEV_STAMP) ## Ruff on the Python code: lint rules and formatting (`ruff format` fixes the latter)
	$(VENV)/bin/ruff check pelican.conf.py newsroom plugins tools tests
	$(VENV)/bin/ruff format --check pelican.conf.py newsroom plugins tools tests

translations: $(STAMP) ## Extract the theme's strings and update the ar/en catalogs
	$(VENV)/bin/pybabel extract -F theme/babel.cfg -k gettext_in:2 --no-location \
	  --sort-output --omit-header -o theme/translations/messages.pot theme
	$(VENV)/bin/pybabel update -i theme/translations/messages.pot -d theme/translations \
	  --no-wrap --ignore-pot-creation-date

lock: ## Re-pin requirements.txt and requirements-dev.txt, with hashes, from the .in files (needs the registry)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python tools/lock.py
	rm -rf .lock-venv

clean: ## Remove output/, the build folder and caches (not .venv)
	rm -rf output .build .pytest_cache .ruff_cache test-artifacts
