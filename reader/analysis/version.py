"""The engine's version: cached analyses are kept under it, so a change to the rules or the
lexicon that changes results must raise it. Its own module, so the window's process can read it
without importing the engine."""

ENGINE_VERSION = "1.0.1"
