"""Tests of the API plug-ins, one package each."""
