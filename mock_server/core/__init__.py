"""Generic, framework-free building blocks shared by every emulated API."""
