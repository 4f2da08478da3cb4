"""A bilingual (Arabic/English) news and achievements site generator on Pelican.

Four floors, each importing only the floors below it:

- `newsroom.core`: importable without Pelican: languages, the content contract and its
  checks, problems, dates, slugs, glossary, caches, sanitising, addresses.
- `newsroom.pipeline`: the build as ordered stages (check, pages, images, assets, links,
  search, compress, publish), the language workers, host files, deploys.
- `newsroom.preview`, `newsroom.commands`: the preview server; `new` and `status`.
- `newsroom.cli`: the one command line (`newsroom …`) the Makefile calls.

The Pelican plugins in `plugins/` are glue between Pelican and `newsroom.core`.
"""

from pathlib import Path

__all__ = ["PROJECT"]

# The repository this package is used from (installed editable by `make`): the defaults for
# content/, theme/, pelican.conf.py, output/ and .build/ are found here.
PROJECT = Path(__file__).resolve().parent.parent
