"""Read transfer rumours out of football prose: players, clubs, moves, fees, source outlet and tags.

A library of its own: it imports nothing from the rest of `site_gen`, so it could be
published alone. `extract(body, date)` is the one entry point; the rest of this API
is what a caller needs to read its result or to extend its knowledge of football.
"""

from site_gen.extract.fees import find_fees, parse_fee
from site_gen.extract.gazetteer import Gazetteer, fold, load_gazetteer
from site_gen.extract.names import preferred_spelling, tidy_name
from site_gen.extract.prose import extract, make_title
from site_gen.extract.records import STAGES, Extraction, Fee, Move, quick_pickling

__all__ = [
    "STAGES", "Extraction", "Fee", "Gazetteer", "Move", "extract", "find_fees", "fold", "load_gazetteer", "make_title",
    "parse_fee", "preferred_spelling", "quick_pickling", "tidy_name",
]
