"""Decode input bytes to text, refusing binary data with a clear reason.

UTF-8 (with or without BOM) is tried first because nearly all news text is
UTF-8; charset-normalizer guesses the rest instead of failing. A file that is
mostly UTF-8 with some lines in a legacy encoding (pasted copy, "mixed
encodings") is decoded line by line, so the UTF-8 lines are not turned into
mojibake by a whole-file guess; ``Decoded.note`` says so. UTF-16 and UTF-32
files that start with a byte-order mark are decoded by it before the NUL-byte
test for binary data, since their text is full of NUL bytes.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from newstrace.errors import Errors, NewstraceError

_CONTROL_OK = {9, 10, 12, 13}
# longest mark first: the UTF-32-LE mark begins with the UTF-16-LE one
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


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


def _by_bom(data: bytes) -> Decoded | None:
    """UTF-16/32 text announced by its byte-order mark, or None when there is no mark."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError as exc:
                raise NewstraceError(Errors.E004, detail=f"invalid {codec} after its byte-order mark "
                                     f"at byte {exc.start}") from None
    return None


def check_controls(text: str) -> None:
    """E003 when more than 1% of the (first 64K) characters are control characters.

    Applied to decoded file text and to JSONL text fields alike, so a ``\\u001b``
    escape inside JSON meets the same test as a raw escape byte in a file.
    """
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ord(ch) not in _CONTROL_OK) or ord(ch) == 127)
    if sample and controls / len(sample) > 0.01:
        raise NewstraceError(Errors.E003)


def decode_input(data: bytes) -> Decoded:
    if not data.strip():
        raise NewstraceError(Errors.E002)
    decoded = _by_bom(data)
    if decoded is None:
        decoded = _decode_8bit(data)
    if not decoded.text.strip():
        raise NewstraceError(Errors.E002)
    check_controls(decoded.text)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, decoded.encoding, decoded.note)


def _decode_8bit(data: bytes) -> Decoded:
    if b"\x00" in data[:65536]:
        raise NewstraceError(Errors.E003)
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _line_by_line(data)
    if mixed is not None:
        return mixed
    encoding = _guess(data)
    if encoding is None:
        raise NewstraceError(Errors.E004, detail="no plausible encoding")
    return Decoded(data.decode(encoding, errors="replace"), encoding)


def decode_bytes(data: bytes) -> str:
    """The decoded text alone (see ``decode_input``)."""
    return decode_input(data).text
