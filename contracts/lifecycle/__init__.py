"""The lifecycle suite: hand-written scenarios of the documented workflows and lifecycle."""
