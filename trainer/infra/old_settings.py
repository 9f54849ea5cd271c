"""Reading the INI file that earlier versions kept their settings in (written by Qt's QSettings),
without Qt, so that the settings can be moved to the new file once at the first start.

Only what those versions stored is understood: plain strings (quoted or not, with QSettings'
backslash escapes), in sections named after the key's group. Anything else QSettings writes
(`@ByteArray(…)`, `@Variant(…)`, lists) is skipped: the window geometry stays in the INI file.
"""

from __future__ import annotations

import re
from pathlib import Path

GENERAL = "General"  # QSettings' section for keys outside any group
_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    '"': '"',
    "'": "'",
    "?": "?",
    "\\": "\\",
}
_HEX = re.compile(r"[0-9a-fA-F]*")
_OCTAL = re.compile(r"[0-7]{1,3}")
_KEY_ESCAPE = re.compile(r"%U([0-9a-fA-F]{4})|%([0-9a-fA-F]{2})")


def read_ini(path: Path) -> dict[str, str]:
    """Every string value of the INI file at `path` by its full key ("view/theme"); {} when the
    file is missing or cannot be read."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    return parse_ini(text)


def parse_ini(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    section = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in ";#":
            continue
        if line.startswith("[") and line.endswith("]"):
            name = unescape_key(line[1:-1])
            section = "" if name == GENERAL else name
            continue
        key, equals, raw = line.partition("=")
        if not equals:
            continue
        value = string_value(raw.strip())
        if value is not None:
            name = unescape_key(key.strip())
            values[f"{section}/{name}" if section else name] = value
    return values


def unescape_key(key: str) -> str:
    """QSettings writes characters other than letters, digits and `_-./` in keys as %XX or %UXXXX."""
    return _KEY_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), key)


def string_value(raw: str) -> str | None:
    """The string a QSettings value stands for, or None for one that is not a single string."""
    parts = _unescaped_parts(raw)
    if len(parts) != 1:
        return None  # a list of strings
    value = parts[0]
    if value.startswith("@@"):
        return value[1:]  # a string that itself begins with "@"
    if value.startswith("@"):
        return None  # @ByteArray(…), @Variant(…), @Invalid()
    return value


def _unescaped_parts(raw: str) -> list[str]:
    """Undo QSettings' escaping: quotes group, backslashes escape, commas outside quotes split a
    list, and a semicolon outside quotes starts a comment."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == "\\" and i + 1 < len(raw):
            text, i = _escape_at(raw, i + 1)
            current.append(text)
            continue
        if char == '"':
            quoted = not quoted
        elif not quoted and char == ",":
            parts.append("".join(current).strip())
            current = []
        elif not quoted and char == ";":
            break
        else:
            current.append(char)
        i += 1
    parts.append("".join(current) if not parts else "".join(current).strip())
    return parts


def _escape_at(raw: str, i: int) -> tuple[str, int]:
    """The character an escape whose letter is at `i` stands for, and where reading goes on."""
    letter = raw[i]
    if letter in _ESCAPES:
        return _ESCAPES[letter], i + 1
    if letter == "x":
        digits = _HEX.match(raw, i + 1)
        end = digits.end() if digits else i + 1
        return chr(min(int(raw[i + 1 : end] or "0", 16), 0x10FFFF)), end
    octal = _OCTAL.match(raw, i)
    if octal:
        return chr(int(octal.group(), 8)), octal.end()
    return letter, i + 1
