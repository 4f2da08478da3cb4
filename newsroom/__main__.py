"""`python -m newsroom …` is the `newsroom` command."""

from newsroom.cli import run

run()
