"""link stage (over the store): canonical actors, whom each signal speaks for, copy groups."""

from newstrace.link.actors import link_actors
from newstrace.link.copies import CopyGroup, CopyIndex, CopyInput, find_copies
from newstrace.link.copy_groups import link_copies

__all__ = ["CopyGroup", "CopyIndex", "CopyInput", "find_copies", "link_actors", "link_copies"]
