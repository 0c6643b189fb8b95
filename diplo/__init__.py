"""diplo: people, places, organizations and dated diplomatic events from Russian, Ukrainian and Kyrgyz news.

The installed package gathers the repository's folders under one name: `diplo.cli` (the Typer app),
`diplo.runner` (running over many inputs), `diplo.extractors` (the language pipelines and the shared
stages) and `diplo.models` (the record types).
"""

__version__ = "0.1.0"
