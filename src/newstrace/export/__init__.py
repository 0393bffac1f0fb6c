"""export: the store's signals as event data (PLOVER JSON, CAMEO/GDELT-like TSV).

Read-only: every exporter reads through the Store's public query API, so an
export is what a user of ``newstrace.open`` could have built by hand.
"""

from newstrace.export.cameo import CAMEO_COLUMNS, cameo_rows, write_cameo
from newstrace.export.plover import plover_events, write_plover

__all__ = ["CAMEO_COLUMNS", "cameo_rows", "plover_events", "write_cameo", "write_plover"]
