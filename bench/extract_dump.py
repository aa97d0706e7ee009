"""Everything extraction proposes for the development texts, as one deterministic JSON file.

For speed work: an optimisation must leave this dump byte-identical (dump before, change, dump
after, ``cmp``). It reads the texts where they already are and writes only the records
(profiles, facts and events with their evidence spans) to OUT, which must lie outside the
repository (the texts and their quotes are copyrighted; delete OUT when done).

Usage: .venv/bin/python bench/extract_dump.py OUT [DIR ...]
DIR defaults to ../shared/research/real-accounts and /work/sets/s7-{int,en,ko}; the demo
testimonies, the seed excerpts of the dev bench and the speed bench's ~600-word texts are always
included.

Only development sets of published accounts are read: a DIR must hold gold.jsonl, and only the
texts it codes (its "source" names, under texts/) are dumped. A casebook's testimonies never
have that layout, so the tool cannot be pointed at them by mistake and write them out in plain
text (the safety rules: no testimony plaintext outside the encrypted store).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from casebook.extract import extract, profile

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
DEFAULT_DIRS = [SHARED / "research" / "real-accounts", Path("/work/sets/s7-int"),
                Path("/work/sets/s7-en"), Path("/work/sets/s7-ko")]


def texts(dirs: list[Path]):
    """``(name, text)`` for every development text, in a fixed order."""
    for base in dirs:
        folder, gold = base / "texts", base / "gold.jsonl"
        if not folder.is_dir() or not gold.is_file():
            sys.exit(f"{base}: not a development set (needs texts/ and gold.jsonl); "
                     "nothing written")
        lines = gold.read_text(encoding="utf-8").splitlines()
        coded = {json.loads(line)["source"] for line in lines if line.strip()}
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.name in coded:
                yield f"{base.name}/{path.name}", path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "demo" / "testimonies").iterdir()):
        yield f"demo/{path.name}", path.read_text(encoding="utf-8")
    gold = ROOT / "tests" / "data" / "seed_gold.jsonl"
    seeds = SHARED / "seeds"
    if seeds.is_dir() and gold.is_file():
        for line in gold.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                lines = (seeds / row["seed_file"]).read_text().splitlines()
                a, b = row["lines"]
                yield f"seed/{row['source']}", "\n".join(lines[a - 1:b])
    sys.path.insert(0, str(ROOT / "bench"))
    from extract_speed import corpus  # (a sibling script, not a package)
    for lang in ("en", "ko"):
        for i, text in enumerate(corpus(lang)):
            yield f"speed-{lang}/{i:03d}", text


def dump(dirs: list[Path]) -> dict:
    out = {}
    for name, text in texts(dirs):
        rec = extract(text)
        out[name] = {"language": rec.language, "profile": profile(rec),
                     "facts": [f.to_dict() for f in rec.facts],
                     "events": [e.to_dict() for e in rec.events]}
    return out


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    target = Path(sys.argv[1]).resolve()
    if target.is_relative_to(ROOT.resolve()):
        sys.exit("write the dump outside the repository (it quotes the texts)")
    dirs = [Path(d) for d in sys.argv[2:]] or DEFAULT_DIRS
    data = dump(dirs)
    target.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1,
                                 default=repr) + "\n", encoding="utf-8")
    print(f"{len(data)} texts -> {target}")


if __name__ == "__main__":
    main()
