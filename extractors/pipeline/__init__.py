"""The extractor interface: the language object, the registry, the analysis records and the shared entity stage."""
