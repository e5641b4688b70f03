"""The platform profile's lifecycle suite: its table's matrix and its own promises."""
