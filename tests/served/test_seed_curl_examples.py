"""Every curl example of the Work Item API documentation, run verbatim against `serve`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.contract import check_response, operation_for
from tests.support.served import Served, served

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "sema4" / "seed-000-work-item-api-v1.txt"
FILES = ROOT / "fixtures" / "files"
KEY = "local-dev-key"

pytestmark = [
    pytest.mark.served,
    pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed"),
]


def curl_examples(text: str) -> list[str]:
    """Each curl command of the document, continuation lines and quoted JSON included."""
    commands, current = [], None
    for line in text.splitlines():
        if current is None and line.startswith("curl "):
            current = line
        elif current is not None:
            current += "\n" + line
        if current is not None and current.count("'") % 2 == 0 and not current.endswith("\\"):
            commands.append(current)
            current = None
    return list(dict.fromkeys(commands))  # the reference repeats some examples


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    with served(["--clock", "manual"]) as running:
        yield running


def api(server: Served, method: str, path: str, body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"{server.base_url}/api/v1/work-items{path}", data=data, method=method
    )
    request.add_header("Authorization", f"Bearer {KEY}")
    if data:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def prepared_item(server: Served, command: str) -> str:
    """A work item in a status where the example's action is legal."""
    if "upload-file" in command:
        return _precreated(server)
    item = api(server, "POST", "", {"agent_id": "invoice_processing_agent"})["work_item_id"]
    if re.search(r"/(continue|restart|complete)'", command):
        api(server, "POST", f"/{item}/cancel")
    return str(item)


def _precreated(server: Served) -> str:
    result = run_curl(
        server,
        f"curl --request POST --url '{server.base_url}/api/v1/work-items/upload-file' "
        f"--header 'Authorization: Bearer {KEY}' --form 'file=@invoice.pdf'",
    )
    return str(result[1]["work_item_id"])


def remote_upload(server: Served) -> dict[str, Any]:
    """Request, send and leave unconfirmed a remote upload of document.pdf."""
    _, grant = run_curl(
        server,
        f"curl --request POST --url '{server.base_url}/api/v1/work-items/upload-file' "
        f"--header 'Authorization: Bearer {KEY}' --form 'file=document.pdf'",
    )
    fields = " ".join(f"--form '{k}={v}'" for k, v in grant["upload_form_data"].items())
    subprocess.run(
        f"curl --silent --fail {fields} --form 'file=@document.pdf' '{grant['upload_url']}'",
        shell=True, check=True, cwd=FILES,
    )  # fmt: skip
    return dict(grant)


def run_curl(server: Served, command: str) -> tuple[int, Any]:
    completed = subprocess.run(
        ["bash", "-c", command + " --silent --show-error --write-out '\\n%{http_code}'"],
        capture_output=True, text=True, cwd=FILES, check=True,
    )  # fmt: skip
    body, _, status = completed.stdout.rpartition("\n")
    return int(status), json.loads(body)


def localise(server: Served, command: str, ids: dict[str, str]) -> str:
    command = command.replace("https://{endpoint_url}", server.base_url)
    command = command.replace("your_api_key_here", KEY).replace(
        "{agent_id}", "invoice_processing_agent"
    )
    for placeholder, value in ids.items():
        command = command.replace(placeholder, value)
    return command


EXAMPLES = curl_examples(SEED.read_text(encoding="utf-8"))


def test_the_document_has_the_examples_we_expect():
    assert len(EXAMPLES) >= 12
    assert sum("upload-file" in c for c in EXAMPLES) == 3


def test_every_curl_example_works_verbatim(server):
    ids: dict[str, str] = {}
    for example in EXAMPLES:
        if "{work_item_id}" in example:
            ids["{work_item_id}"] = prepared_item(server, example)
        if "confirm-file" in example:
            grant = remote_upload(server)
            ids["{work_item_id}"] = grant["work_item_id"]
            ids["file_123"] = grant["file_id"]
        status, body = run_curl(server, localise(server, example, ids))

        assert status == 200, (example, body)
        method = re.search(r"--request (\w+)", example)
        url = re.search(r"--url '([^']+)'", localise(server, example, ids))
        assert method
        assert url
        path = url.group(1).removeprefix(server.base_url).split("?")[0]
        operation = operation_for(method.group(1), path)
        assert operation is not None, path
        check_response(operation, status, "application/json", body)
        if "'file=@invoice.pdf'" in example:
            ids["wi_abc123def456"] = body["work_item_id"]
