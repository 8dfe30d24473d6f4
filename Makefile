# Two entry points for a newcomer: `make demo` and `make test`. Only Python 3.11+ and make needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py

.PHONY: relevance imports install frontend frontend-lint assets-check demo test lint check messages messages-check assets bench bench-load screenshots clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(MANAGE) migrate --noinput
	DEMO_SITE_ADDRESS=127.0.0.1:8000 $(MANAGE) load_demo
	@echo ""
	@echo "  Site:  http://127.0.0.1:8000/        (English: http://127.0.0.1:8000/en/)"
	@echo "  Admin: http://127.0.0.1:8000/admin/  login: admin  password: admin (demo only)"
	@echo ""
	$(MANAGE) runserver 127.0.0.1:8000

# The checkers the browser tests use (axe-core, vnu-jar) come from npm: installed when Node.js is
# there; without it those checks are skipped, with the reason shown in pytest's summary.
FRONTEND_STAMP := site/frontend/node_modules/.installed
$(FRONTEND_STAMP): site/frontend/package.json site/frontend/package-lock.json
	cd site/frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(FRONTEND_STAMP); \
	else echo "frontend: SKIPPED: Node.js/npm not found; the axe-core and Nu HTML checks will be skipped."; fi

# The front end's checks (eslint, stylelint, prettier; `make lint` fixes what they can) and the
# check that the committed static/dist/ is what site/frontend builds. Both need Node.js.
frontend-lint: frontend
	@if command -v npm >/dev/null 2>&1; then cd site/frontend && npm run --silent lint; \
	else echo "frontend-lint: SKIPPED: Node.js/npm not found"; fi

assets-check: frontend
	@if command -v npm >/dev/null 2>&1; then \
		built=$$(mktemp -d) && (cd site/frontend && node build.mjs "$$built") && \
		if diff -r static/dist "$$built"; then rm -rf "$$built"; \
		else rm -rf "$$built"; echo "static/dist/ differs from a fresh build of site/frontend: run make assets and commit it"; exit 1; fi; \
	else echo "assets-check: SKIPPED: Node.js/npm not found"; fi

# DATABASE_URL selects PostgreSQL (CI does); SQLite otherwise (then the tests marked both_databases
# run a second time on SQLite, where the demo runs). Browser tests (marked `browser`) run
# in Debian's Chromium against a live server; PYTEST_ARGS="-m 'not browser'" leaves them out.
# pytest-xdist runs the tests on every core (PYTEST_WORKERS=0: in one process). The demo is built
# once per run and copied for the tests that need it; those share one worker (`--dist loadgroup`)
# while the others run the rest.
PYTEST_WORKERS ?= auto
test: install frontend frontend-lint assets-check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	.ci/messages-check $(BIN)/python
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)
	@if [ -n "$$DATABASE_URL" ]; then echo "Again on SQLite (the demo's database): the tests marked both_databases"; \
	env -u DATABASE_URL $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup -p no:cacheprovider -m both_databases; fi

# Search benchmarks on PostgreSQL (N = 1,000 then 10,000 generated pages): the table goes to
# docs/benchmarks.md. Each size has its own database, <name>_<size>, kept between runs.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/hrc_bench
# Measured with DEBUG off (config/settings/bench.py), as production serves.
# Then the pages: the demo (in BENCH_DATABASE_URL's _demo database, kept between runs) served by
# gunicorn with production settings on 127.0.0.1, each page type, the search and a static file
# loaded by wrk (Debian's package, installed by the command when missing), cache on and off.
BENCH_DEMO_DATABASE_URL ?= $(BENCH_DATABASE_URL)_demo
bench: install
	DJANGO_SETTINGS_MODULE=config.settings.bench $(MANAGE) bench_search --sizes 1000 10000 --database-url $(BENCH_DATABASE_URL) --output docs/benchmarks.md
	DJANGO_SETTINGS_MODULE=config.settings.bench $(MANAGE) bench_pages --database-url $(BENCH_DEMO_DATABASE_URL) --output docs/benchmarks.md

# The load run: 5 minutes, 50 connections, a mix of pages, searches, APIs and feeds while an
# editor publishes every 10 s; errors, p50, p99 and the workers' memory go to docs/benchmarks.md.
# The page cache is shared in Redis, as in production (a database of its own, emptied first);
# BENCH_REDIS_URL= (empty) keeps it in each worker's memory.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/14
bench-load: install
	DJANGO_SETTINGS_MODULE=config.settings.bench $(MANAGE) bench_pages --load --database-url $(BENCH_DEMO_DATABASE_URL) --redis-url "$(BENCH_REDIS_URL)" --output docs/benchmarks.md

# The import graph's layers (docs/architecture.md).
imports: install
	$(BIN)/lint-imports --verbose

lint: install frontend
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates
	@if command -v npm >/dev/null 2>&1; then cd site/frontend && npm run --silent lint:fix; fi

# The French catalogue: English msgids from the code and templates, translated in locale/fr.
# After `make messages`, translate every empty msgstr, then run `make messages` again to compile.
messages: install
	$(MANAGE) makemessages --locale fr --ignore ".venv/*" --ignore "site/*" --ignore "node_modules/*" \
		--ignore "collected-static/*" --no-obsolete --add-location file
	$(MANAGE) compilemessages --locale fr --ignore ".venv/*" --ignore "site/*"

# Fails when `make messages` would change the catalogue or the .mo is stale (needs GNU gettext).
messages-check: install
	.ci/messages-check $(BIN)/python

# PNG screenshots of the key pages, phone and desktop, into docs/screenshots/ (needs Chromium).
screenshots: install
	$(BIN)/python -m tests.browser.screenshots docs/screenshots

# Rebuilds static/dist from site/frontend (needs Node.js; the result is committed).
assets:
	cd site/frontend && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) db.sqlite3 collected-static

# The relevance set (search/relevance.toml) on the current database (the demo by default): the
# share of queries finding their page in the first three results, and the misses.
relevance: install
	$(MANAGE) search_relevance
