"""Page images typeset from text, as a scanner or a phone would give them (tests and bench/).

Everything happens in memory: :func:`typeset` lays text out on A4 pages with the Noto CJK fonts
(their Latin glyphs serve English), :func:`scanned` adds what a scanner does to a page (blur, a
small rotation, speckle, JPEG compression), and :func:`image_pdf` / :func:`tiff` pack pages
into an image-only PDF or a multi-page TIFF as bytes. Nothing here touches the disk, so the
benchmark can typeset real accounts without leaving them anywhere.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = {"serif": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
         "sans": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"}
KOREAN_FACE = 3  # index of the KR face in the Noto CJK collections (JP, KR, SC, TC, HK order)


@dataclass
class Typeset:
    """Pages and the text each one really shows (lines joined by newlines)."""

    images: list[Image.Image]
    texts: list[str]
    lines: list[list[tuple[str, tuple[int, int, int, int]]]]  # per page: each line and its box


def _font(face: str, px: int) -> ImageFont.FreeTypeFont:
    collection = FONTS[face]
    for index in range(10):  # pick the Korean face by name: indices differ between releases
        font = ImageFont.truetype(collection, px, index=index)
        if font.getname()[0].endswith(" KR"):
            return font
    return ImageFont.truetype(collection, px, index=KOREAN_FACE)


def _wrap(paragraph: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in paragraph.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:  # a word longer than the line: cut it
            cut = max(1, int(len(word) * width / font.getlength(word)))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def typeset(text: str, *, dpi: int = 300, points: float = 11, face: str = "serif",
            header: str | None = None, page_size: tuple[float, float] = (8.27, 11.69),
            margin: float = 1.0) -> Typeset:
    """Lay ``text`` (paragraphs split by blank lines) out on pages of ``page_size`` inches.

    ``header`` is a running header printed at the top of every page with the page number.
    """
    px = round(points * dpi / 72)
    font = _font(face, px)
    width, height = (round(page_size[0] * dpi), round(page_size[1] * dpi))
    left = top = round(margin * dpi)
    line_h = round(px * 1.5)
    usable = width - 2 * left
    rows: list[str | None] = []  # None: the gap between paragraphs
    for paragraph in (p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()):
        rows.extend(_wrap(" ".join(paragraph.split()), font, usable))
        rows.append(None)
    images: list[Image.Image] = []
    texts: list[str] = []
    boxes: list[list[tuple[str, tuple[int, int, int, int]]]] = []
    per_page = (height - 2 * top) // line_h - (2 if header else 0)
    while rows:
        page_rows, rows = rows[:per_page], rows[per_page:]
        while page_rows and page_rows[0] is None:
            page_rows.pop(0)
        if not page_rows:
            break
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        y = top
        shown: list[str] = []
        placed: list[tuple[str, tuple[int, int, int, int]]] = []
        if header:
            running = f"{header}   {len(images) + 1}"
            draw.text((left, y), running, font=font, fill=0)
            shown += [running, ""]
            placed.append((running, (left, y, left + round(font.getlength(running)), y + line_h)))
            y += 2 * line_h
        for row in page_rows:
            if row is None:
                shown.append("")
            else:
                draw.text((left, y), row, font=font, fill=0)
                shown.append(row)
                placed.append((row, (left, y, left + round(font.getlength(row)), y + line_h)))
            y += line_h
        images.append(image)
        texts.append("\n".join(shown).strip())
        boxes.append(placed)
    return Typeset(images, texts, boxes)


def scanned(image: Image.Image, *, seed: int = 0, blur: float = 0.8, angle: float | None = None,
            speckle: float = 0.002, jpeg: int | None = 60) -> Image.Image:
    """What a flatbed scanner and a cheap setting do to a page: a slight blur, a rotation of up
    to 3 degrees (random unless given), salt-and-pepper specks and JPEG compression."""
    rng = random.Random(seed)
    out = image.convert("L")
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    turn = rng.uniform(-3, 3) if angle is None else angle
    if turn:
        out = out.rotate(turn, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if speckle:
        import numpy as np

        pixels = np.array(out)
        noise = np.random.default_rng(seed).random(pixels.shape)
        pixels[noise < speckle / 2] = 0
        pixels[noise > 1 - speckle / 2] = 255
        out = Image.fromarray(pixels)
    if jpeg:
        buffer = io.BytesIO()
        out.save(buffer, "JPEG", quality=jpeg)
        out = Image.open(io.BytesIO(buffer.getvalue()))
        out.load()
    return out


def cer(reference: str, recognised: str) -> float:
    """Character error rate: edit distance over the reference's length, runs of white space
    counted as one space (line breaks are layout, not characters read)."""
    ref, hyp = " ".join(reference.split()), " ".join(recognised.split())
    return edit_distance(ref, hyp) / max(1, len(ref))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance by Myers' bit-parallel algorithm (Hyyrö's form): one pass over
    ``b`` with ``a`` held as bit vectors, fast enough for whole pages in pure Python."""
    if not a or not b:
        return len(a) + len(b)
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    top = 1 << (len(a) - 1)
    plus, minus, score = full, 0, len(a)
    for ch in b:
        eq = masks.get(ch, 0)
        xv = eq | minus
        xh = (((eq & plus) + plus) ^ plus) | eq
        h_plus = (minus | ~(xh | plus)) & full
        h_minus = plus & xh
        if h_plus & top:
            score += 1
        elif h_minus & top:
            score -= 1
        h_plus = ((h_plus << 1) | 1) & full
        h_minus = (h_minus << 1) & full
        plus = (h_minus | ~(xv | h_plus)) & full
        minus = h_plus & xv
    return score


def image_pdf(images: list[Image.Image], dpi: int = 300) -> bytes:
    """An image-only PDF (no text layer), as a scanner's "scan to PDF" makes."""
    buffer = io.BytesIO()
    first, *rest = [im.convert("L") for im in images]
    first.save(buffer, "PDF", save_all=True, append_images=rest, resolution=dpi)
    return buffer.getvalue()


def tiff(images: list[Image.Image], dpi: int = 300) -> bytes:
    """A multi-page TIFF (group 4 for black and white, as fax and archive scanners write)."""
    buffer = io.BytesIO()
    first, *rest = [im.convert("L") for im in images]
    first.save(buffer, "TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi),
               compression="tiff_lzw")
    return buffer.getvalue()


def encoded(image: Image.Image, fmt: str, dpi: int = 300) -> bytes:
    """One page as PNG or JPEG bytes."""
    buffer = io.BytesIO()
    image.convert("L").save(buffer, fmt, dpi=(dpi, dpi))
    return buffer.getvalue()


# Fictional testimonies written for these tests (no real person, no real account).
ENGLISH = """\
Interviewee: Ms. Haejin Moon (pseudonym), born 1984 in Kimchaek, North Hamgyong.

In the autumn of 2003 a woman from the next street told my mother she knew a restaurant in Dandong \
that needed kitchen workers. My mother was ill and we had sold the cooking pots, so I agreed to go.

We waded across the river at night near Musan with two other girls. On the far bank a man with a \
van was waiting. He drove us for a day and a night to a farmhouse outside Jixi in Heilongjiang.

There the woman counted money with a farmer called Lin. I understood later that he had paid \
12,000 yuan for me. I lived in his house for four years and gave birth to a son in 2005.

In March 2008 the police came to the village. I was arrested, held for a month in Tumen and \
sent back across the bridge to Onsong, where the security agents questioned me for weeks.

I escaped again in 2010 and reached Seoul through Laos in 2011. I still do not know where \
my son is."""

KOREAN = """\
구술자: 한소연 (가명), 1987년 함경북도 청진 출생.

2005년 봄에 이웃 아주머니가 중국 연길의 식당에서 일하면 한 달에 오백 위안을 번다고 했다. \
집에는 먹을 것이 없었고 동생들이 굶고 있어서 가겠다고 했다.

밤에 두만강을 건넌 뒤 조선족 남자가 우리를 차에 태워 흑룡강성 목단강 근처의 마을로 데려갔다. \
거기서 나는 한족 농민에게 팔렸다. 나중에 들으니 팔천 위안을 받았다고 했다.

그 집에서 삼 년을 살면서 딸을 낳았다. 남편은 술을 마시면 나를 때렸고 밖에 나가지 못하게 했다.

2009년 겨울에 공안에게 붙잡혀 도문 변방대에 갇혔다가 북송되었다. 온성 보위부에서 조사를 받고 \
노동단련대에서 여섯 달을 보냈다.

2012년에 다시 강을 건너 태국을 거쳐 2013년에 한국에 왔다. 딸은 아직 중국에 있다."""
