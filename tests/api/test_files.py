import io
from pathlib import Path

import pytest

from mock_server.core.schema import validate
from tests.support.contract import contract
from tests.support.workitems import AGENT, API, TEXT_MESSAGE, force_status, sema4_of, state_of

FILES = Path(__file__).resolve().parents[2] / "fixtures" / "files"
UPLOAD = f"{API}/upload-file"


def _pdf(name="invoice.pdf"):
    return (io.BytesIO((FILES / "invoice.pdf").read_bytes()), name, "application/pdf")


def upload(client, name="invoice.pdf", **form):
    return client.post(UPLOAD, data={"file": _pdf(name), **form})


def test_upload_without_id_creates_a_precreated_item_with_the_file(client):
    response = upload(client)

    assert response.status_code == 200
    item = client.get(f"{API}/{response.json['work_item_id']}").json
    assert item["status"] == "PRECREATED"
    assert item["agent_id"] is None
    size = (FILES / "invoice.pdf").stat().st_size
    assert item["files"] == [
        {
            "file_id": response.json["file_id"],
            "file_ref": "invoice.pdf",
            "size": size,
            "content_type": "application/pdf",
        }
    ]


def test_upload_with_id_in_the_form_adds_to_that_item(client):
    item_id = upload(client).json["work_item_id"]

    response = upload(client, "supporting_document.pdf", work_item_id=item_id)

    assert response.json["work_item_id"] == item_id
    files = client.get(f"{API}/{item_id}").json["files"]
    assert [f["file_ref"] for f in files] == ["invoice.pdf", "supporting_document.pdf"]


def test_upload_with_id_in_the_query_adds_to_that_item(client):
    item_id = upload(client).json["work_item_id"]

    response = client.post(f"{UPLOAD}?work_item_id={item_id}", data={"file": _pdf("second.pdf")})

    assert response.json["work_item_id"] == item_id


def test_the_query_work_item_id_wins_over_the_form_as_on_the_platform(client):
    first = upload(client).json["work_item_id"]
    second = upload(client).json["work_item_id"]

    response = client.post(
        f"{UPLOAD}?work_item_id={first}", data={"file": _pdf("x.pdf"), "work_item_id": second}
    )

    assert response.json["work_item_id"] == first
    assert [f["file_ref"] for f in client.get(f"{API}/{second}").json["files"]] == ["invoice.pdf"]


def test_finalizing_moves_precreated_to_pending_with_files(client):
    item_id = upload(client).json["work_item_id"]
    callbacks = [{"url": "https://your-app.com/webhooks/done", "on_status": "COMPLETED"}]

    response = client.post(
        API,
        json={
            "work_item_id": item_id,
            "agent_id": AGENT,
            "payload": {"priority": "high"},
            "messages": [TEXT_MESSAGE],
            "callbacks": callbacks,
        },
    )

    item = response.json
    assert response.status_code == 200
    assert (item["work_item_id"], item["status"], item["agent_id"]) == (item_id, "PENDING", AGENT)
    assert item["payload"] == {"priority": "high"}
    assert item["messages"] == [TEXT_MESSAGE]
    assert item["callbacks"] == callbacks
    assert [f["file_ref"] for f in item["files"]] == ["invoice.pdf"]


def test_finalizing_twice_is_412(client):
    item_id = upload(client).json["work_item_id"]
    client.post(API, json={"work_item_id": item_id, "agent_id": AGENT})

    response = client.post(API, json={"work_item_id": item_id, "agent_id": AGENT})

    assert response.status_code == 412
    assert response.json["error"]["message"] == "Cannot finalize work item from status PENDING."


def test_finalizing_an_unknown_item_is_404(client):
    assert client.post(API, json={"work_item_id": "nope", "agent_id": AGENT}).status_code == 404


@pytest.mark.parametrize("status", ["PENDING", "EXECUTING", "PAUSED", "COMPLETED", "CANCELLED"])
def test_upload_to_an_item_past_precreated_is_412(client, emulator, status):
    item_id = upload(client).json["work_item_id"]
    force_status(emulator, item_id, status)
    before = state_of(emulator)

    response = upload(client, "late.pdf", work_item_id=item_id)

    assert response.status_code == 412
    assert state_of(emulator) == before


def test_a_duplicate_file_name_is_400(client, emulator):
    item_id = upload(client).json["work_item_id"]
    before = state_of(emulator)

    response = upload(client, "invoice.pdf", work_item_id=item_id)

    assert response.status_code == 400
    assert state_of(emulator) == before


UNSAFE_NAMES = [".", "..", "a/b.pdf", "../etc/passwd", "nul\x00.pdf"]


@pytest.mark.parametrize("name", [*UNSAFE_NAMES, ""])
def test_unsafe_names_of_file_parts_are_400_and_create_nothing(client, emulator, name):
    # A part's filename is no schema value: the contract's FileName rule applies in the handler.
    before = state_of(emulator)

    response = client.post(UPLOAD, data={"file": (io.BytesIO(b"x"), name)})

    assert response.status_code == 400
    assert response.json["error"]["details"]["field"] == "file"
    assert state_of(emulator) == before


@pytest.mark.parametrize("name", [*UNSAFE_NAMES, "", "..\\evil.pdf", "dir\\file.pdf"])
def test_unsafe_remote_upload_names_break_the_contract_and_are_422(client, emulator, name):
    # Multipart transports unescape backslashes in filenames, so only the remote request
    # (the name sent as a plain form value) can carry one verbatim.
    before = state_of(emulator)

    response = client.post(UPLOAD, data={"file": name})

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == "body.file"
    assert state_of(emulator) == before


@pytest.mark.parametrize("name", ["...", ".hidden", " ", "a..b", "caf\u00e9 \u00fcber.pdf"])
def test_odd_but_safe_file_names_are_accepted_in_both_ways(client, name):
    assert client.post(UPLOAD, data={"file": (io.BytesIO(b"x"), name)}).status_code == 200
    assert client.post(UPLOAD, data={"file": name}).status_code == 200


def test_the_file_name_rule_is_the_contracts_filename_schema():
    rule = contract().schema("FileName")
    names = [*UNSAFE_NAMES, "", "..\\evil.pdf", "...", ".hidden", " ", "ok.pdf"]

    assert {n for n in names if not validate(rule, n)} == {"...", ".hidden", " ", "ok.pdf"}


def test_a_file_over_the_size_limit_is_400_with_details(app, client, emulator):
    sema4_of(emulator).files.max_file_bytes = 10
    before = state_of(emulator)

    response = client.post(UPLOAD, data={"file": (io.BytesIO(b"x" * 11), "big.bin")})

    assert response.status_code == 400
    assert response.json["error"]["details"]["issue"] == "file is 11 bytes; the limit is 10 bytes"
    assert state_of(emulator) == before


def test_upload_without_a_file_field_is_422(client):
    response = client.post(UPLOAD, data={"work_item_id": "x"})

    assert response.status_code == 422
    assert response.json["error"]["details"]["field"] == "body.file"


def test_upload_with_json_is_415(client):
    assert client.post(UPLOAD, json={"file": "x"}).status_code == 415


class TestRemoteUpload:
    def _request(self, client, name="document.pdf", **form):
        response = client.post(UPLOAD, data={"file": name, **form})
        assert response.status_code == 200, response.json
        return response.json

    def _send_bytes(self, anonymous, grant, content=b"%PDF-1.4 remote"):
        path = grant["upload_url"].removeprefix("http://127.0.0.1:8080")
        data = {**grant["upload_form_data"], "file": (io.BytesIO(content), grant["file_ref"])}
        return anonymous.post(path, data=data)

    def test_a_plain_text_file_field_returns_an_upload_grant(self, client):
        grant = self._request(client)

        assert set(grant) == {
            "work_item_id",
            "upload_url",
            "upload_form_data",
            "file_id",
            "file_ref",
        }
        assert grant["file_ref"] == "document.pdf"
        assert grant["upload_url"].startswith("http://127.0.0.1:8080/")

    def test_upload_then_confirm_attaches_the_bytes(self, client, anonymous):
        grant = self._request(client)
        assert self._send_bytes(anonymous, grant).status_code == 204

        response = client.post(
            f"{API}/{grant['work_item_id']}/confirm-file",
            json={"file_ref": grant["file_ref"], "file_id": grant["file_id"]},
        )

        assert response.json == {"work_item_id": grant["work_item_id"]}
        files = client.get(f"{API}/{grant['work_item_id']}").json["files"]
        assert [(f["file_id"], f["size"]) for f in files] == [(grant["file_id"], 15)]

    def test_confirm_with_an_unknown_file_id_is_400(self, client):
        grant = self._request(client)

        response = client.post(
            f"{API}/{grant['work_item_id']}/confirm-file",
            json={"file_ref": "document.pdf", "file_id": "file_123"},
        )

        assert response.status_code == 400
        assert response.json["error"]["details"]["field"] == "file_id"

    def test_confirm_before_the_bytes_arrived_attaches_an_empty_file_as_the_platform(
        self, client, anonymous
    ):
        grant = self._request(client)

        response = client.post(
            f"{API}/{grant['work_item_id']}/confirm-file",
            json={"file_ref": grant["file_ref"], "file_id": grant["file_id"]},
        )

        assert response.json == {"work_item_id": grant["work_item_id"]}
        files = client.get(f"{API}/{grant['work_item_id']}").json["files"]
        assert [(f["file_ref"], f["size"], f["content_type"]) for f in files] == [
            ("document.pdf", 0, "text/plain")
        ]
        assert self._send_bytes(anonymous, grant).status_code == 404  # nothing awaits them now

    def test_the_upload_url_rejects_a_wrong_token(self, client, anonymous):
        grant = self._request(client)
        grant["upload_form_data"]["token"] = "forged"

        assert self._send_bytes(anonymous, grant).status_code == 403

    def test_a_remote_request_for_an_existing_item_uses_it(self, client):
        item_id = upload(client).json["work_item_id"]

        assert self._request(client, "extra.pdf", work_item_id=item_id)["work_item_id"] == item_id

    def test_confirm_without_file_ref_is_422(self, client):
        grant = self._request(client)

        response = client.post(
            f"{API}/{grant['work_item_id']}/confirm-file", json={"file_id": grant["file_id"]}
        )

        assert response.status_code == 422
