"""`python -m reader` behaves like the `reader` command."""

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
