"""`workitems-mock drift`: every documented behaviour a deployment departs from, with evidence."""
