"""The Sema4 API's part of a state document: its models, export and validated import."""
