"""distributed: run clean → date → nlp → extract on a Dask cluster; the client keeps the store.

Workers return ``ExtractedDocument | Rejected`` records in input order; the
client writes them to the store and links once at the end (``Store.ingest``
with ``runner=``). See docs/scale.md.
"""

from newstrace.distributed.dask_ingest import DaskRunner, ModelPlugin, dask_runner, open_client

__all__ = ["DaskRunner", "ModelPlugin", "dask_runner", "open_client"]
