"""The analysis process: spaCy runs in a child process, the window talks to it in JSON lines.

    process.py    starts the child (the same executable with `--analysis-worker`, from source
                  or frozen; spawn only, no fork), reads its events on a thread
    protocol.py   the messages both sides exchange, and how objects travel in them
    server.py     the child's side: one engine, analyses and loads, cancellation by id
    errors.py     every failure as one sentence for the user

Nothing here imports Qt; `reader.ui.analysis_client.AnalysisClient` is the window's face of it.
"""
