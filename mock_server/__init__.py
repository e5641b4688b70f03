"""workitems-mock: local emulators of several vendors' work-item APIs, on one core."""

from mock_server.app import create_app

__version__ = "0.1.0"
__all__ = ["__version__", "create_app"]
