"""eval/: scoring the store against gold files (the JSON gold format, ACLED-column CSVs).

`load_gold(path)` and `load_acled_csv(path)` read gold files (GoldFileError when they cannot);
`score_gold(store, gold)` gives event precision/recall/F1 and field accuracy under the matching
rules of the eval README; `score_acled(store, rows, path)` gives per-field accuracy on ACLED
records whose notes were ingested as documents (`acled_documents`).
"""

from frontlines.eval.acled import AcledReport, acled_documents, score_acled
from frontlines.eval.gold import AcledRow, Gold, GoldEvent, load_acled_csv, load_gold, norm
from frontlines.eval.score import EventReport, distance_km, score_gold

__all__ = [
    "AcledReport",
    "AcledRow",
    "EventReport",
    "Gold",
    "GoldEvent",
    "acled_documents",
    "distance_km",
    "load_acled_csv",
    "load_gold",
    "norm",
    "score_acled",
    "score_gold",
]
