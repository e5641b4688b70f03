"""The curl examples of Threada's API reference (seed 002), as written there."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "fixtures" / "threada" / "seed-002-threada-api-reference.txt"
SEED_BASE_URL = "https://api.threada.ai"
# The -d argument ends the command; the page's text runs on after it on the same line.
DATA_ARGUMENT = re.compile(r'^(-d "(?:[^"\\]|\\.)*")')


@dataclass(frozen=True)
class CurlRequest:
    method: str
    url: str
    headers: dict[str, str]
    body: Any


def curl_examples(text: str | None = None) -> list[str]:
    """Each curl command of the reference, continuation lines included, verbatim."""
    commands: list[str] = []
    current: list[str] | None = None
    for line in (SEED.read_text(encoding="utf-8") if text is None else text).splitlines():
        if current is None and line.startswith("curl "):
            current = []
        if current is None:
            continue
        data = DATA_ARGUMENT.match(line)
        if data:
            commands.append("\n".join([*current, data.group(1)]))
            current = None
        else:
            current.append(line)
    return commands


def parse_curl(command: str) -> CurlRequest:
    words = shlex.split(command.replace("\\\n", " "))
    assert words[0] == "curl", command
    method, url, headers, body = "GET", "", {}, None
    position = 1
    while position < len(words):
        word = words[position]
        if word == "-X":
            method, position = words[position + 1], position + 2
        elif word == "-H":
            name, _, value = words[position + 1].partition(":")
            headers[name.strip()] = value.strip()
            position += 2
        elif word == "-d":
            body, position = json.loads(words[position + 1]), position + 2
        else:
            url, position = word, position + 1
    return CurlRequest(method, url, headers, body)
