"""ingest stage: turn files, folders, globs and JSONL lines into RawDocuments."""

from newstrace.ingest.readers import DEFAULT_MAX_BYTES, expand_paths, read_paths

__all__ = ["DEFAULT_MAX_BYTES", "expand_paths", "read_paths"]
