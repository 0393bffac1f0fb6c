"""Decode input bytes to text, refusing binary data with a clear reason.

UTF-8 (with or without BOM) is tried first because nearly all news text is
UTF-8; charset-normalizer guesses the rest instead of failing. A file that is
mostly UTF-8 with some lines in a legacy encoding (pasted copy, "mixed
encodings") is decoded line by line, so the UTF-8 lines are not turned into
mojibake by a whole-file guess; ``Decoded.note`` says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from newstrace.errors import Errors, NewstraceError

_CONTROL_OK = {9, 10, 12, 13}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    note: str | None = None


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best.encoding)


def _line_by_line(data: bytes) -> Decoded | None:
    """Mostly-UTF-8 input with a few legacy lines: decode each line on its own."""
    lines = data.split(b"\n")
    bad = [ln for ln in lines if not _utf8_ok(ln)]
    good_multibyte = any(_utf8_ok(ln) and any(b > 127 for b in ln) for ln in lines)
    if not bad or len(bad) > len(lines) / 2 or not good_multibyte:
        return None
    legacy = _guess(b"\n".join(bad)) or "cp1252"
    out = [ln.decode("utf-8") if _utf8_ok(ln) else ln.decode(legacy, errors="replace") for ln in lines]
    note = f"mixed encodings: {len(bad)} of {len(lines)} lines decoded as {legacy}, the rest as utf-8"
    return Decoded("\n".join(out), f"utf-8+{legacy}", note)


def _utf8_ok(chunk: bytes) -> bool:
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_input(data: bytes) -> Decoded:
    if not data.strip():
        raise NewstraceError(Errors.E002)
    if b"\x00" in data[:65536]:
        raise NewstraceError(Errors.E003)
    try:
        decoded = Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        mixed = _line_by_line(data)
        if mixed is not None:
            decoded = mixed
        else:
            encoding = _guess(data)
            if encoding is None:
                raise NewstraceError(Errors.E004, detail="no plausible encoding") from None
            decoded = Decoded(data.decode(encoding, errors="replace"), encoding)
    sample = decoded.text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ord(ch) not in _CONTROL_OK)
    if sample and controls / len(sample) > 0.01:
        raise NewstraceError(Errors.E003)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, decoded.encoding, decoded.note)


def decode_bytes(data: bytes) -> str:
    """The decoded text alone (see ``decode_input``)."""
    return decode_input(data).text
