"""How APIs plug into the emulator: the plug-in interface, the registry, the shared services."""
