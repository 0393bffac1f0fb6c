"""Reference tables shared by stages: actors and outlets, loaded from data files.

Not a pipeline stage: every stage may read these tables, none writes them. Which
files are read (packaged packs, a user's own folders) is set by ``configure``.
"""

from newstrace.knowledge.actor_table import Actor, ActorTable, actors
from newstrace.knowledge.outlet_registry import Outlet, OutletRegistry, outlets
from newstrace.knowledge.packs import Knowledge, configure, packaged_packs, topics

__all__ = [
    "Actor", "ActorTable", "Knowledge", "Outlet", "OutletRegistry", "actors", "configure",
    "outlets", "packaged_packs", "topics",
]
