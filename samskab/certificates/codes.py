"""Verification codes: short enough to type from paper, long enough not to be guessed.

Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L, no U to avoid words),
shown in two groups of five ("K7QXM-4RPZA"). 30 letters and digits give 30**10 ≈ 6 × 10**14
codes, so trying codes on the public page finds nothing in practice. People may type the
code in lower case, with spaces or dashes; ``normalise_code`` accepts all of that.
"""

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_LENGTH = 10
GROUP_SIZE = 5

_SEPARATORS = re.compile(r"[\s\-–—.]+")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str | None:
    """The stored form of a typed code, or None when it cannot be a code at all."""
    code = _SEPARATORS.sub("", typed or "").upper()
    if len(code) != CODE_LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def format_code(code: str) -> str:
    """ "K7QXM-4RPZA": the way the code is printed and shown."""
    return "-".join(code[start : start + GROUP_SIZE] for start in range(0, len(code), GROUP_SIZE))
