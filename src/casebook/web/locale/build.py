"""Rebuild the interface catalogues: extract → messages.pot, ko/en .po (Korean from
``ko_messages.KO``), compiled .mo. Run after changing a template:
python -m casebook.web.locale.build
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from casebook.web.locale.ko_cases import KO_CASES
from casebook.web.locale.ko_messages import KO as KO_PAGES

KO = {**KO_PAGES, **KO_CASES}

HERE = Path(__file__).parent
WEB = HERE.parent


def extract() -> Catalog:
    pot = HERE / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract",
                    "-F", str(HERE / "babel.cfg"), "-k", "_", "-k", "N_", "-k", "gettext",
                    "-k", "ngettext:1,2", "--no-location", "--omit-header", "--sort-output",
                    "-o", str(pot), str(WEB)], check=True, capture_output=True)
    with pot.open("rb") as f:
        return read_po(f)


def build() -> list[str]:
    """Write both catalogues; returns the msgids that have no Korean translation."""
    template = extract()
    missing = []
    for lang in ("ko", "en"):
        cat = Catalog(locale=lang, domain="messages", project="casebook")
        for m in template:
            if not m.id:
                continue
            text = KO.get(m.id) if lang == "ko" else None
            if lang == "ko" and text is None:
                missing.append(str(m.id))
            # babel's Message.id is a str or a tuple of str; its hint says Sequence[str]
            cat.add(m.id, text or (() if isinstance(m.id, tuple) else ""))  # type: ignore[arg-type]
        out = HERE / lang / "LC_MESSAGES"
        out.mkdir(parents=True, exist_ok=True)
        with (out / "messages.po").open("wb") as f:
            write_po(f, cat, omit_header=False, no_location=True, sort_output=True)
        with (out / "messages.mo").open("wb") as f:
            write_mo(f, cat)
    return missing


if __name__ == "__main__":
    gaps = build()
    for g in gaps:
        print(f"no Korean for: {g!r}")
    sys.exit(1 if gaps else 0)
