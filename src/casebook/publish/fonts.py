"""Fonts with Hangul for charts and PDFs, found as files: never through a stale font cache.

matplotlib caches the fonts it saw when its cache was built; a cache made before Debian's
``fonts-noto-cjk`` was installed knows no Hangul font, and charts then draw empty boxes with only
a warning. Casebook therefore looks for the font *files* itself, registers them with
matplotlib's font manager on every run, checks that the font really has Hangul glyphs, and
refuses to write a Korean report (or a PDF with Korean text) when none is installed, with one
line naming the package to install.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from casebook.errors import InvalidInput

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
# preferred first: Debian fonts-noto-cjk, then other common Korean fonts
PATTERNS = ("NotoSansCJK-Regular.ttc", "NotoSansCJKkr-Regular.otf", "NotoSansKR-Regular.*",
            "NotoSansCJK*.tt[cf]", "NanumGothic.ttf")
PACKAGE = "fonts-noto-cjk"
MISSING = (f"no font with Korean (Hangul) glyphs is installed: apt-get install {PACKAGE} "
           "(Debian/Ubuntu), then run the command again")
MISSING_KO = (f"한글 글꼴이 설치되어 있지 않습니다: 서버에서 apt-get install {PACKAGE} 를 "
              "실행한 뒤 다시 시도하십시오.")
HANGUL = ("한", "국", "어")


def _dirs() -> list[Path]:
    extra = os.environ.get("CASEBOOK_FONT_DIRS")
    dirs = extra.split(os.pathsep) if extra is not None else list(FONT_DIRS)
    return [Path(d).expanduser() for d in dirs if d]


@lru_cache(maxsize=1)
def hangul_font() -> Path | None:
    """The first installed font file that has Hangul glyphs, or None."""
    for pattern in PATTERNS:
        for folder in _dirs():
            if not folder.is_dir():
                continue
            for path in sorted(folder.rglob(pattern)):
                if _has_hangul(path):
                    return path
    return None


def _has_hangul(path: Path) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        charmap = FT2Font(str(path)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in HANGUL)


@lru_cache(maxsize=1)
def register() -> str | None:
    """Add the Hangul font file to matplotlib's font manager; its family name, or None."""
    path = hangul_font()
    if path is None:
        return None
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def require_hangul() -> str:
    """The family to draw Korean with; InvalidInput (naming the package) when there is none."""
    family = register()
    if family is None:
        raise InvalidInput(MISSING)
    return family


def has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" for ch in text)
