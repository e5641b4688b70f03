"""Threada: the harness and suites of `workitems-mock verify --api threada`."""
