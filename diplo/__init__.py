"""diplo: people, places, organizations and dated diplomatic events from Russian, Ukrainian and Kyrgyz news.

The installed package gathers the repository's folders under one name: `diplo.cli` (the Typer app),
`diplo.runner` (running over many inputs), `diplo.extractors` (the language pipelines and the shared
stages) and `diplo.models` (the record types).
"""

__version__ = "0.1.0"


def extract(items, lang=None, published=None, **options):
    """The records `diplo extract` prints, as dicts, one per article of `items` (paths or (doc_id, text)
    pairs), in order. See `diplo.api.extract` for the options."""
    from diplo.api import extract as run  # imported on use: `import diplo` stays instant

    return run(items, lang=lang, published=published, **options)
