"""One folder per language: its language.yaml, its data files, its pipeline class and its shipped weights."""
