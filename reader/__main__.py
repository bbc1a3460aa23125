"""`python -m reader` behaves like the `reader` command."""

import multiprocessing
import sys

from reader.cli import main

if __name__ == "__main__":
    # `reader analyze --jobs N` spawns worker processes; a frozen build must let them start.
    multiprocessing.freeze_support()
    sys.exit(main())
