"""The API plug-ins bundled with workitems-mock: one package each, found by the registry."""
