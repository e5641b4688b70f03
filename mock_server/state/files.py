"""State files: read with a clear verdict, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_server.state.export import export_state
from mock_server.state.load import PreparedState, StateError, parse_state

if TYPE_CHECKING:
    from mock_server.emulator import Emulator


def read_state_file(path: Path, emulator: Emulator) -> PreparedState:
    """The document checked against `emulator`, or StateError naming the file and the fault."""
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise StateError(f"{path}: cannot be read ({error.strerror})") from None
    except ValueError as error:
        raise StateError(f"{path}: not valid JSON ({error})") from None
    try:
        return parse_state(raw, emulator)
    except StateError as error:
        raise StateError(f"{path}: {error}") from None


def write_state_file(path: Path, emulator: Emulator) -> None:
    """Write via a temporary file and a rename, so a crash never leaves half a file.

    The file holds every key and secret in clear (it must restore them), so it is created
    readable by its owner only, as `mkstemp` does, and keeps that mode across saves.
    """
    remove_stale_temporaries(path)
    text = json.dumps(export_state(emulator), separators=(",", ":"), ensure_ascii=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete the temporary files a save killed mid-write (`kill -9`) left beside `path`.

    Only one server uses a state file at a time (the port guard refuses a second `serve`),
    so a temporary from an earlier save is never still being written.
    """
    stale = sorted(path.parent.glob(f".{path.name}.*")) if path.parent.is_dir() else []
    for leftover in stale:
        leftover.unlink(missing_ok=True)
    return stale
