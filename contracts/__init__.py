"""Contract suites that check the emulator or any deployment over HTTP only."""
