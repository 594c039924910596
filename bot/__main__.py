"""`python -m bot` runs the `learnbot` command."""

import sys

from bot.cli import main

sys.exit(main())
