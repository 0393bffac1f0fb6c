"""Decode input bytes to text, refusing binary data with a clear reason.

UTF-8 (with or without BOM) is tried first because nearly all news text is
UTF-8; charset-normalizer guesses the rest instead of failing.
"""

from __future__ import annotations

from newstrace.errors import Errors, NewstraceError

_CONTROL_OK = {9, 10, 12, 13}


def decode_bytes(data: bytes) -> str:
    if not data.strip():
        raise NewstraceError(Errors.E002)
    if b"\x00" in data[:65536]:
        raise NewstraceError(Errors.E003)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise NewstraceError(Errors.E004, detail="no plausible encoding") from None
        text = str(best)
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ord(ch) not in _CONTROL_OK)
    if sample and controls / len(sample) > 0.01:
        raise NewstraceError(Errors.E003)
    return text.replace("\r\n", "\n").replace("\r", "\n")
