"""Signature schemes for the standalone webhook tools, from every API plug-in."""

from __future__ import annotations

import argparse

from mock_server.hosting.plugin import ApiPlugin
from mock_server.hosting.registry import all_plugins
from mock_server.webhooks.signing import SignatureScheme


def known_schemes() -> dict[str, SignatureScheme]:
    """Every plug-in's schemes by name, the first-ranked API's first."""
    return {name: s for p in all_plugins() for name, s in p.signature_schemes.items()}


def add_scheme_option(parser: argparse.ArgumentParser) -> None:
    names = list(known_schemes())
    parser.add_argument(
        "--scheme",
        choices=names,
        default=names[0],
        help=f"how signatures are made (default {names[0]})",
    )


def scheme_from_args(args: argparse.Namespace) -> SignatureScheme:
    return known_schemes()[args.scheme]


def plugin_of_scheme(scheme: SignatureScheme) -> ApiPlugin:
    """The API a scheme belongs to (for its sample webhook body)."""
    return next(p for p in all_plugins() if scheme in p.signature_schemes.values())
