"""Framework glue shared by every emulated API: errors, auth, spec-driven routing."""
