"""Snapshots: the whole emulator state as one JSON document, exported and imported."""
