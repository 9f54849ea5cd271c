"""Author text that cannot be shown safely, and one way to quote author text in plain output.

Two lines of defence. The loader refuses text holding characters no tree needs and that do harm
when printed or written (`forbidden`): C0 and C1 controls (ESC starts the terminal sequences that
retitle a window, write the clipboard through OSC 52 or reset the screen), DEL, lone surrogates
and noncharacters (U+FFFE, U+FFFF: XML parsers reject them, so SVG export would write a file
nobody can read). Tab and newline stay: YAML keeps them in text.

Bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E/F) and other invisible format characters are
real text in right-to-left languages, so trees may hold them; but wherever a message, log line or
terminal output quotes author text, `escaped` shows them as `\\u202e`, so the quoted words cannot
reorder or hide the words around them (Trojan Source).
"""

from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")

# Everything `escaped` rewrites: the forbidden characters, every other C0 control (tab, newline,
# carriage return), the line and paragraph separators, and the format characters (category Cf:
# soft hyphen, Arabic letter mark, zero-width characters, bidi marks, embeddings, overrides and
# isolates, word joiners, the byte-order mark, interlinear annotations, tag characters).
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}{_FORMAT}]")
_UNSAFE_KEEPING_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}{_FORMAT}]")


def forbidden(text: str) -> tuple[int, str] | None:
    """The offset of the first character the loader refuses and what it is ("U+001B, a control
    character"), or None."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    char = found.group()
    code = ord(char)
    if code < 0xA0:
        kind = "a control character"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "half of a surrogate pair, not a character"
    else:
        kind = "a Unicode noncharacter"
    return found.start(), f"{char_name(char)}, {kind}"


def replace_forbidden(text: str) -> tuple[str, list[int]]:
    """`text` with each character the loader refuses replaced by U+FFFD, and their offsets: for
    importers, whose output must load (a Mermaid label may hold anything)."""
    offsets = [m.start() for m in _FORBIDDEN.finditer(text)]
    return (_FORBIDDEN.sub("\ufffd", text) if offsets else text), offsets


def char_name(char: str) -> str:
    """`U+001B`, with the character's Unicode name where it has one (controls have none)."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def escaped(text: str, keep_lines: bool = False) -> str:
    """`text` with every control, format and separator character written as a Python escape
    (`\\x1b`, `\\u202e`, `\\n`): safe to print on a terminal or quote in a one-line message.
    `keep_lines` keeps tab and newline (a multi-line explanation printed as it reads)."""
    pattern = _UNSAFE_KEEPING_LINES if keep_lines else _UNSAFE
    if pattern.search(text) is None:  # the common case: nothing to rewrite, no copy made
        return text
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in "\t\n\r":
        return repr(char)[1:-1]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
