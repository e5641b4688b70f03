"""DocLD's part of a state document: its models, export and validated import."""
