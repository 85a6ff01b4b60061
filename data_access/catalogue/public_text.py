"""What an editor's or researcher's note looks like, so none reaches public text.

The catalogue is compiled from research: its compilers flag a source they could not confirm
("UNCONFIRMED (likely …)", "INFERRED: …"), a figure quoted "as printed", a search that found no
number, a placeholder "[organisation to be confirmed …]". Those flags are kept as structured fields
(``source_status``, ``confidence``, ``frequency_confirmed``, an ambition's ``ambition_has_number``)
that pages word plainly, and as ``editor_note`` text that is never rendered. The catalogue loader
refuses a public field holding one of these markers, and the public-text tests scan every page,
chart, export, slide and the board pack with the same patterns.
"""

from __future__ import annotations

import re
from typing import Any

#: Each marker of a note: a name for it and the pattern that finds it.
NOTE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("UNCONFIRMED flag", re.compile(r"\bUNCONFIRMED\b")),
    ("INFERRED flag", re.compile(r"\bINFERRED\b")),
    ("'as printed'", re.compile(r"\bas printed\b", re.IGNORECASE)),
    ("'to be confirmed'", re.compile(r"\bto be confirmed\b", re.IGNORECASE)),
    ("'not found' search note", re.compile(r"\bno (?:numeric )?(?:target|figure|number) found\b", re.IGNORECASE)),
    ("'looks inconsistent'", re.compile(r"\blooks (?:internally )?inconsistent\b|\blooks internally\b", re.IGNORECASE)),
    ("TODO/FIXME/TBC", re.compile(r"\b(?:TODO|FIXME|TBC|TBD|XXX)\b")),
    ("'likely'/'possibly' guess", re.compile(r"\b(?:likely|possibly|presumably|probably)\b", re.IGNORECASE)),
    ("'unverified'", re.compile(r"\b(?:unverified|not verified)\b", re.IGNORECASE)),
    ("compiler's note", re.compile(r"\bcompiler'?s\b", re.IGNORECASE)),
    ("question-mark guess", re.compile(r"\w\?\)")),
    ("former-name note", re.compile(r"\([A-Z][a-z]+ \d{4} name\b")),
    ("'(inferred)' flag", re.compile(r"\binferred\)", re.IGNORECASE)),
    ("bracketed note", re.compile(r"\[(?=[^\[\]]*[A-Za-z]{3})[^\[\]{}%]*\s[^\[\]{}%]*\]")),
)


def note_markers(text: str) -> list[str]:
    """The note markers found in ``text``, each as "<marker>: …<the words around it>…"; empty when clean."""
    found = []
    for name, pattern in NOTE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = max(match.start() - 40, 0), min(match.end() + 40, len(text))
            found.append(f"{name}: …{' '.join(text[start:end].split())}…")
    return found


#: The key of internal notes, anywhere in the catalogue: kept in the file, never shown, never copied to the store.
EDITOR_NOTE = "editor_note"
#: Keys whose values are machinery or generator parameters, not text anyone reads.
NOT_PUBLIC = {EDITOR_NOTE, "demo", "id", "relation", "confidence", "source_status", "tier_status"}
SOURCE_STATUSES = ("confirmed", "unconfirmed", "inferred")


def public_strings(node: Any, path: str = "") -> list[tuple[str, str]]:
    """Every (path, text) of a catalogue structure that a page may show: all but editor notes and machinery."""
    if isinstance(node, str):
        return [(path, node)]
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_PUBLIC:
                found += public_strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += public_strings(value, f"{path}[{node[i].get('id', i) if isinstance(value, dict) else i}]")
    return found


def check_public_text(data: dict[str, Any]) -> None:
    """Refuse a catalogue whose public text carries an editor's note (it belongs in ``editor_note``), or a
    metric with an unknown ``source_status``."""
    problems = [f"{path}: {marker}" for path, text in public_strings(data) for marker in note_markers(text)]
    problems += [f"metrics.{m.get('id')}.source_status: {m['source_status']!r} is not one of {SOURCE_STATUSES}"
                 for m in data.get("metrics", []) if m.get("source_status", "confirmed") not in SOURCE_STATUSES]
    if problems:
        raise ValueError("catalogue public text holds editors' notes (move them to editor_note): "
                         + "; ".join(problems[:10]))


def without_editor_notes(node: Any) -> Any:
    """A copy of a catalogue structure without its editor notes (what the store and exports may hold)."""
    if isinstance(node, dict):
        return {k: without_editor_notes(v) for k, v in node.items() if k != EDITOR_NOTE}
    if isinstance(node, list):
        return [without_editor_notes(v) for v in node]
    return node
