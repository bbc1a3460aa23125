"""The `reader` / `sourcelight` command: opens the window, or runs a headless subcommand."""

from __future__ import annotations

import argparse
import importlib
import sys

from reader import __version__
from reader.cli_errors import CommandError
from reader.log import ensure_std_streams

# subcommand → module in reader/commands with add_arguments() and run()
COMMANDS = {
    "analyze": ("reader.commands.analyze", "analyse an article and print its claims and sources"),
    "export": ("reader.commands.export", "export your sources, claims and notes"),
    "eval": ("reader.commands.evaluate", "score the analysis against annotated news"),
    "search": ("reader.commands.search", "search your library: article titles and text, claims, sources, notes"),
    "report": ("reader.commands.report", "how the articles you read are sourced, in total and per site"),
}

USAGE = """reader [FILE | URL] [--screenshot OUT.png] [--self-test] [--version]
       reader analyze FILE | URL [--json] [--with-text]
       reader analyze --jsonl IN… [--out OUT] [--jobs N] [--resume] [--strict]
       reader analyze --jsonl 'shards/*.jsonl.gz' --out out/ --scheduler local|tcp://HOST:8786
       reader eval GOLD.jsonl [--pred PRED.jsonl] [--json] [--show N]
       reader export --format markdown|csv|json [--out FILE] [--per-source FOLDER]
       reader search QUERY… [--json] [--limit N]
       reader report [OUT.jsonl ...] [--by site] [--format markdown|csv|json] [--out FILE]"""


def _gui_parser() -> argparse.ArgumentParser:
    lines = "\n".join(f"  {name:<10} {help_}" for name, (_m, help_) in COMMANDS.items())
    p = argparse.ArgumentParser(
        prog="reader", usage=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Sourcelight: read news articles and see who says what.",
        epilog=f"commands (reader COMMAND --help for details):\n{lines}",
    )
    p.add_argument("file", nargs="?", help="article to open in the window (.txt, .md, .html, or an http(s) URL)")
    p.add_argument("--screenshot", metavar="OUT.png", help="open the window offscreen, save a PNG, exit")
    p.add_argument("--version", action="version", version=f"Sourcelight {__version__}")
    p.add_argument("--self-test", action="store_true",
                   help="check the model, analysis, storage and Qt, print one line, exit 0 or 1")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # A windowed frozen build has no stdout/stderr; `sourcelight analyze` must still work.
    ensure_std_streams()
    try:
        if argv and argv[0] in COMMANDS:
            module_name, help_ = COMMANDS[argv[0]]
            module = importlib.import_module(module_name)
            parser = argparse.ArgumentParser(prog=f"reader {argv[0]}", description=help_)
            module.add_arguments(parser)
            return module.run(parser.parse_args(argv[1:]))
        args = _gui_parser().parse_args(argv)
        if args.self_test:
            from reader.selftest import run_self_test

            return run_self_test()
        if args.screenshot:
            import os

            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from reader.app import run_gui

        return run_gui(args.file, screenshot=args.screenshot)
    except CommandError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
