"""link stage (over the store): canonical actors and whom each signal speaks for."""

from newstrace.link.actors import link_actors

__all__ = ["link_actors"]
