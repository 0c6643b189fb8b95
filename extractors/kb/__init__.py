"""The knowledge base (entities.tsv, aliases.tsv, curated.yaml) and linking entities to it."""
