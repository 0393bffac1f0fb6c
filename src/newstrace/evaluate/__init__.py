"""Score pipeline output against gold files (schema ``newstrace-gold/1``)."""

from newstrace.evaluate.gold import GoldSet, load_gold
from newstrace.evaluate.scoring import Scores, score_documents

__all__ = ["GoldSet", "Scores", "load_gold", "score_documents"]
