"""The state file `serve --state` writes: private to its owner, and no leftovers from a crash."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from flask import Flask

from mock_server.emulator import Emulator
from mock_server.state.files import remove_stale_temporaries, write_state_file


def emulator_of(app: Flask) -> Emulator:
    emulator: Emulator = app.extensions["workitems_mock"]
    return emulator


def test_the_state_file_is_readable_by_its_owner_only_and_holds_the_keys(
    app: Flask, tmp_path: Path
):
    path = tmp_path / "session.json"

    write_state_file(path, emulator_of(app))

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "local-dev-key" in path.read_text(encoding="utf-8")  # a restart restores the keys
    assert "<masked>" not in path.read_text(encoding="utf-8")


def test_a_save_cut_short_leaves_a_temporary_that_the_next_save_removes(app: Flask, tmp_path: Path):
    path = tmp_path / "session.json"
    leftover = tmp_path / ".session.json.k3x9q2ab"  # what mkstemp left when kill -9 hit
    leftover.write_text('{"version": 2, "half', encoding="utf-8")
    unrelated = tmp_path / ".other.json.k3x9q2ab"
    unrelated.write_text("{}", encoding="utf-8")

    write_state_file(path, emulator_of(app))

    assert not leftover.exists()
    assert unrelated.exists()  # another file's temporaries are not ours to remove
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.json.k3x9q2ab", "session.json"]


def test_removing_temporaries_of_a_file_in_a_missing_directory_finds_none(tmp_path: Path):
    assert remove_stale_temporaries(tmp_path / "absent" / "state.json") == []
