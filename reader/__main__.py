"""`python -m reader` behaves like the `reader` command; with `--analysis-worker` as the first
argument it is the analysis process instead (reader/service/server.py), skipping the rest."""

import sys

from reader.service.protocol import WORKER_FLAG

if __name__ == "__main__":
    if sys.argv[1:2] == [WORKER_FLAG]:
        from reader.service.server import serve

        sys.exit(serve())
    from reader.cli import main

    sys.exit(main())
