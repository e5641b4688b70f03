"""Tests of the Agentwork Tasks API plug-in."""
