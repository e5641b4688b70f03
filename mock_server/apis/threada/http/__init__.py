"""Threada's HTTP layer: thin handlers, one per operationId of openapi.yaml."""
