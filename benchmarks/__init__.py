"""`make bench`: the emulator against Prism and a hello-world ceiling, written to BENCHMARKS.md."""
