"""One module per `workitems-mock` subcommand, each exposing `register(commands)`."""

from __future__ import annotations

import argparse


def add_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse.ArgumentParser:
    """A subcommand parser whose description is its help line."""
    return commands.add_parser(name, help=help_text, description=help_text)
