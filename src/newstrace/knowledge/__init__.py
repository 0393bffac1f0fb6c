"""Reference tables shared by stages: actors and outlets, loaded from data files.

Not a pipeline stage: every stage may read these tables, none writes them.
"""

from newstrace.knowledge.actors import Actor, ActorTable, actors
from newstrace.knowledge.outlets import Outlet, OutletRegistry, outlets

__all__ = ["Actor", "ActorTable", "Outlet", "OutletRegistry", "actors", "outlets"]
