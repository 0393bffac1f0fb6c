"""Attribution extraction: who is presented as the source of a statement."""

from newstrace.extract.attribution.rules import extract_attributions

__all__ = ["extract_attributions"]
