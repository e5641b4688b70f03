"""The error a state document's check raises, shared by the core and every API's part."""


class StateError(ValueError):
    """The document is not a state this emulator can load; the message says why."""
