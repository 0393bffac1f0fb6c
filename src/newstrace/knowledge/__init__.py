"""Reference tables shared by stages: actors and outlets, loaded from data files.

Not a pipeline stage: every stage may read these tables, none writes them.
"""

from newstrace.knowledge.actor_table import Actor, ActorTable, actors
from newstrace.knowledge.outlet_registry import Outlet, OutletRegistry, outlets

__all__ = ["Actor", "ActorTable", "Outlet", "OutletRegistry", "actors", "outlets"]
