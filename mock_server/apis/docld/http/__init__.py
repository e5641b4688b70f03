"""DocLD's HTTP surface: one thin handler per operationId of its openapi.yaml."""
