"""The Agentwork Tasks API surface: one thin handler per operationId of openapi.yaml."""
