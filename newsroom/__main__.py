"""`python -m newsroom …` is the `newsroom` command."""

import sys

from newsroom.cli import main

sys.exit(main())
