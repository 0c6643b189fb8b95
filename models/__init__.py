"""Record types of diplo: the only things that cross between extractors and the CLI."""
