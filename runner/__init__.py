"""Running diplo over many inputs: finding and reading files, writing records, state and workers."""
