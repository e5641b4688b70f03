"""Threada's pure domain: no web framework, only mock_server.core and this package."""
