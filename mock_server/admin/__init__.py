"""The `/_mock` control plane: what a test or a developer can do to the emulator."""
