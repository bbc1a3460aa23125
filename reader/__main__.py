"""`python -m reader` behaves like the `reader` command; with `--analysis-worker` as the first
argument it is the analysis process instead (reader/service/server.py), skipping the rest."""

import multiprocessing
import sys

from reader.service.protocol import WORKER_FLAG

if __name__ == "__main__":
    # `reader analyze --jobs N` spawns worker processes; a frozen build must let them start.
    multiprocessing.freeze_support()
    if sys.argv[1:2] == [WORKER_FLAG]:
        from reader.service.server import serve

        sys.exit(serve())
    from reader.cli import main

    sys.exit(main())
