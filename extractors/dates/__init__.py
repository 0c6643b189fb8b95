"""Date expressions resolved to ISO dates, from each language's date vocabulary."""

from diplo.extractors.dates.find import find_dates, named_month, precision

__all__ = ["find_dates", "named_month", "precision"]
