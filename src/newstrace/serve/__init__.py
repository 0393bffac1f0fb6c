"""The analyst's HTTP API and web UI (FastAPI under uvicorn): ``newstrace serve``."""
