"""workitems-mock: a local emulator of the Sema4.ai Work Item API."""

from mock_server.app import create_app

__version__ = "0.1.0"
__all__ = ["__version__", "create_app"]
