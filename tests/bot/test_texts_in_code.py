"""The bot's words live in the catalogues: no Slovene, Bulgarian or Romanian string in the
code of `bot/` or `webhook/` (docstrings and comments may quote examples)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Letters English never uses: Slovene č š ž, Romanian ă â î ș ț (and the cedilla forms),
# and any Cyrillic.
_FOREIGN = re.compile(r"[čšžČŠŽăâîșțşţĂÂÎȘȚŞŢ\u0400-\u04ff]")
# The simulator's fake Bulgarian profile (a name, as the fake Graph would return it).
_ALLOWED = frozenset({"Мария", "Петрова"})


def _strings_in(tree: ast.AST) -> list[ast.Constant]:
    documentation = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in documentation
    ]


def test_no_sl_bg_ro_words_in_code() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:40]!r}"
        for folder in ("bot", "webhook")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for node in _strings_in(ast.parse(path.read_text(encoding="utf-8")))
        if _FOREIGN.search(node.value) and node.value not in _ALLOWED
    ]
    assert found == []
