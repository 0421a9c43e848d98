"""Photos for demo data, drawn locally with Pillow (no downloads): landscapes with a house or a
tree, and colourful abstract pictures. In core (not in the demo app) because every component's
own ``demo.py`` may use it, and a component imports nothing above core (the import contract)."""

import io
import random

from PIL import Image, ImageDraw, ImageFont

PALETTES = [
    ((135, 190, 230), (90, 150, 80), (230, 200, 90)),  # summer day
    ((250, 180, 120), (70, 110, 70), (255, 230, 150)),  # evening
    ((180, 200, 215), (120, 140, 100), (240, 240, 240)),  # grey day
    ((110, 160, 220), (160, 120, 70), (250, 210, 60)),  # autumn
    ((200, 225, 240), (60, 120, 60), (200, 60, 60)),  # spring with a red roof
]


def landscape(rng: random.Random, size=(1200, 800)) -> bytes:
    """A simple, friendly picture: sky, hills, a house or a tree, a sun."""
    sky, ground, accent = rng.choice(PALETTES)
    w, h = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for i in range(h // 2):  # soft gradient in the sky
        shade = tuple(min(255, c + i // 6) for c in sky)
        draw.line([(0, i), (w, i)], fill=shade)
    draw.ellipse([w * 0.7, h * 0.08, w * 0.82, h * 0.26], fill=accent)
    for k in range(3):
        top = h * (0.5 + 0.08 * k)
        colour = tuple(max(0, c - 18 * k) for c in ground)
        draw.ellipse([-w * 0.3 + rng.random() * w * 0.4, top, w * 1.2, h * 1.6], fill=colour)
    x = rng.uniform(0.1, 0.55) * w
    base = h * 0.72
    if rng.random() < 0.6:  # a house
        draw.rectangle([x, base - 140, x + 180, base], fill=(240, 230, 215))
        draw.polygon(
            [(x - 20, base - 140), (x + 90, base - 230), (x + 200, base - 140)], fill=(170, 60, 45)
        )
        draw.rectangle([x + 70, base - 70, x + 110, base], fill=(90, 60, 40))
        draw.rectangle([x + 20, base - 120, x + 55, base - 85], fill=(160, 200, 230))
    else:  # a tree
        draw.rectangle([x + 40, base - 120, x + 60, base], fill=(100, 70, 40))
        draw.ellipse([x - 20, base - 240, x + 120, base - 100], fill=(50, 120, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


BRIGHT = [(230, 90, 70), (250, 190, 60), (70, 150, 210), (90, 180, 120), (170, 100, 190)]


def abstract(rng: random.Random, size=(1200, 900)) -> bytes:
    """Overlapping circles, bars and triangles in bright colours on a soft background."""
    w, h = size
    image = Image.new("RGB", size, rng.choice([(245, 240, 230), (230, 240, 245), (240, 235, 250)]))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(8, 16)):
        colour = rng.choice(BRIGHT)
        x, y = rng.uniform(-0.1, 0.9) * w, rng.uniform(-0.1, 0.9) * h
        d = rng.uniform(0.1, 0.4) * w
        shape = rng.choice(["circle", "bar", "triangle"])
        if shape == "circle":
            draw.ellipse([x, y, x + d, y + d], fill=colour)
        elif shape == "bar":
            draw.rectangle([x, y, x + d, y + d * 0.3], fill=colour)
        else:
            draw.polygon([(x, y + d), (x + d / 2, y), (x + d, y + d)], fill=colour)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def picture(rng: random.Random) -> tuple[bytes, str]:
    """A landscape (two in three) or an abstract picture: JPEG bytes and a Dutch alt text."""
    if rng.random() < 0.67:
        return landscape(rng), "Tekening van een huis of boom in een groen landschap"
    return abstract(rng), "Kleurige tekening met cirkels, balken en driehoeken"


# A soft background and a stronger colour for the object, per kind of thing.
ITEM_COLOURS = {
    "tools": ((226, 236, 244), (52, 104, 168)),
    "children": ((252, 236, 226), (214, 82, 62)),
    "furniture": ((244, 236, 222), (150, 104, 60)),
    "books": ((238, 232, 246), (120, 84, 170)),
    "garden": ((230, 242, 228), (64, 130, 72)),
    "household": ((246, 240, 226), (190, 130, 40)),
}


def item_picture(title: str, category: str, size=(800, 600)) -> tuple[bytes, str]:
    """A simple drawing for a demo offer: a table top with a coloured card on it that shows the
    first letter of the title, and a few shapes around it. The same title always gives the same
    picture (no random state is used up, so the rest of the demo stays as it was). JPEG bytes and
    a Dutch alt text."""
    background, colour = ITEM_COLOURS.get(category, ((236, 240, 238), (29, 107, 82)))
    rng = random.Random(title)
    w, h = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, h * 0.72, w, h], fill=tuple(max(0, c - 40) for c in background))
    for _ in range(5):  # a few soft shapes in the background
        x, y, d = rng.uniform(0, w), rng.uniform(0, h * 0.6), rng.uniform(40, 120)
        draw.ellipse([x, y, x + d, y + d], fill=tuple(min(255, c + 10) for c in background))
    left, top, right, bottom = w * 0.3, h * 0.18, w * 0.7, h * 0.8
    draw.rounded_rectangle(
        [left + 14, top + 14, right + 14, bottom + 14],
        36,
        fill=tuple(max(0, c - 60) for c in background),
    )
    draw.rounded_rectangle([left, top, right, bottom], 36, fill=colour)
    font = ImageFont.load_default(size=int(h * 0.38))
    initial = title.strip()[:1].upper() or "?"
    draw.text(
        ((left + right) / 2, (top + bottom) / 2), initial, fill="white", font=font, anchor="mm"
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue(), f"Tekening bij “{title}”: een gekleurde kaart met de letter {initial}"
