"""The demo's pictures: simple geometric drawings made for the project with Pillow (no copied
photograph), credited to the project under CC BY-SA 4.0.

``ensure_picture(key)`` draws a picture and stores it as a ``core.Picture`` the first time, and
finds it again after (by its title): a second demo load changes nothing. Every drawing is
deterministic (no randomness but a seeded one), so the files are the same on every machine.
"""

import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw

from .images import PROJECT_LICENCE, PROJECT_LICENCE_URL, Picture

WIDTH, HEIGHT = 1600, 900
CREDIT = "Dessin : Centre de ressources du patrimoine"

STONE = (222, 208, 178)
STONE_DARK = (176, 158, 124)
INK = (58, 52, 46)
SKY = (214, 228, 236)
OAK = (122, 84, 52)
LIME = (238, 230, 214)
SLATE = (74, 84, 98)
SLATE_LIGHT = (104, 116, 132)
LOIRE = (88, 140, 168)
MEADOW = (182, 204, 150)


def _canvas(background):
    image = PillowImage.new("RGB", (WIDTH, HEIGHT), background)
    return image, ImageDraw.Draw(image)


def draw_stone():
    """A dressed block of tuffeau in perspective, with the marks of the chisel."""
    image, draw = _canvas(SKY)
    draw.rectangle((0, 700, WIDTH, HEIGHT), fill=MEADOW)
    front = [(450, 330), (1050, 330), (1050, 760), (450, 760)]
    top = [(450, 330), (650, 190), (1250, 190), (1050, 330)]
    side = [(1050, 330), (1250, 190), (1250, 620), (1050, 760)]
    draw.polygon(front, fill=STONE, outline=INK)
    draw.polygon(top, fill=(236, 226, 202), outline=INK)
    draw.polygon(side, fill=STONE_DARK, outline=INK)
    for x in range(470, 1040, 18):  # the chisel's strokes (layons)
        draw.line((x, 350, x + 10, 740), fill=STONE_DARK, width=3)
    draw.line((450, 330, 1050, 330), fill=INK, width=6)
    return image


def draw_timber_frame():
    """A timber-framed wall: posts, sill and top plates, braces in St Andrew's crosses."""
    image, draw = _canvas(LIME)
    left, right, bottom, top = 200, 1400, 800, 120
    draw.rectangle((left, bottom - 30, right, bottom + 10), fill=OAK)  # sill
    draw.rectangle((left, top, right, top + 40), fill=OAK)  # top plate
    draw.rectangle((left, 440, right, 470), fill=OAK)  # middle rail
    posts = range(left, right + 1, 200)
    for x in posts:
        draw.rectangle((x - 18, top, x + 18, bottom), fill=OAK)
    for x in list(posts)[:-1]:
        for y0, y1 in ((top + 40, 440), (470, bottom - 30)):
            draw.line((x + 18, y0, x + 182, y1), fill=OAK, width=26)
            draw.line((x + 182, y0, x + 18, y1), fill=OAK, width=26)
    return image


def draw_slate_roof():
    """A slate roof seen from the front: staggered courses of rounded slates under a ridge."""
    image, draw = _canvas(SKY)
    height = 64
    for row, y in enumerate(range(160, HEIGHT, height - 16)):
        offset = 0 if row % 2 == 0 else 60
        for x in range(-120 + offset, WIDTH + 120, 120):
            colour = SLATE if (x // 120 + row) % 3 else SLATE_LIGHT
            draw.rounded_rectangle((x + 4, y, x + 116, y + height), radius=22, fill=colour, outline=INK)
    draw.rectangle((0, 120, WIDTH, 170), fill=(150, 70, 48))  # terracotta ridge
    return image


def draw_stained_glass():
    """Diamond quarries of coloured glass set in lead, round a central roundel."""
    colours = [(176, 42, 48), (38, 84, 160), (222, 176, 48), (52, 128, 84), (232, 222, 196)]
    image, draw = _canvas(INK)
    rng = random.Random(17)
    size = 100
    for row in range(-1, HEIGHT // (size // 2) + 2):
        for column in range(-1, WIDTH // size + 2):
            cx = column * size + (size // 2 if row % 2 else 0)
            cy = row * size // 2
            diamond = [(cx, cy - size // 2), (cx + size // 2, cy), (cx, cy + size // 2), (cx - size // 2, cy)]
            draw.polygon(diamond, fill=rng.choice(colours), outline=(30, 30, 30), width=7)
    centre = (WIDTH // 2, HEIGHT // 2)
    draw.ellipse(
        (centre[0] - 230, centre[1] - 230, centre[0] + 230, centre[1] + 230),
        fill=(222, 176, 48),
        outline=INK,
        width=14,
    )
    for angle in range(0, 360, 30):
        a = math.radians(angle)
        draw.line(
            (centre[0], centre[1], centre[0] + 230 * math.cos(a), centre[1] + 230 * math.sin(a)),
            fill=INK,
            width=9,
        )
    return image


def draw_rose_window():
    """A gothic rose: rings of circles round a centre, as a compass draws them."""
    image, draw = _canvas(STONE)
    cx, cy = WIDTH // 2, HEIGHT // 2
    draw.ellipse((cx - 400, cy - 400, cx + 400, cy + 400), fill=(38, 84, 160), outline=INK, width=12)
    for ring, (radius, count, size) in enumerate(((290, 16, 70), (160, 8, 62))):
        for step in range(count):
            a = 2 * math.pi * step / count
            x, y = cx + radius * math.cos(a), cy + radius * math.sin(a)
            fill = (176, 42, 48) if ring == 0 else (222, 176, 48)
            draw.ellipse((x - size, y - size, x + size, y + size), fill=fill, outline=INK, width=8)
    draw.ellipse((cx - 70, cy - 70, cx + 70, cy + 70), fill=(232, 222, 196), outline=INK, width=10)
    return image


def draw_roof_truss():
    """A king-post roof truss: tie beam, rafters, king post and struts."""
    image, draw = _canvas(LIME)
    apex, left, right = (800, 120), (160, 760), (1440, 760)
    draw.line((*left, *right), fill=OAK, width=46)  # tie beam
    draw.line((*left, *apex), fill=OAK, width=40)
    draw.line((*right, *apex), fill=OAK, width=40)
    draw.line((800, 140, 800, 760), fill=OAK, width=36)  # king post
    draw.line((800, 620, 480, 440), fill=OAK, width=28)
    draw.line((800, 620, 1120, 440), fill=OAK, width=28)
    for x, y in (left, right, apex, (800, 760)):
        draw.ellipse((x - 14, y - 14, x + 14, y + 14), fill=INK)  # pegs
    return image


def draw_brick_bond():
    """A brick wall in Flemish bond: stretchers and headers alternating in each course."""
    image, draw = _canvas(LIME)
    brick, header, height = 220, 105, 66
    for row, y in enumerate(range(0, HEIGHT, height + 10)):
        x = -(brick + header) // 2 if row % 2 else 0
        while x < WIDTH:
            for length in (brick, header):
                shade = (168, 74, 52) if length == brick else (140, 60, 44)
                draw.rectangle((x, y, x + length, y + height), fill=shade)
                x += length + 10
    return image


def draw_loire():
    """The Loire's meanders between sand banks, stylised."""
    image, draw = _canvas(MEADOW)
    points = [(x, 450 + 150 * math.sin(x / 230) + 40 * math.sin(x / 70)) for x in range(-20, WIDTH + 40, 20)]
    draw.line(points, fill=(226, 212, 168), width=230, joint="curve")  # sand banks
    draw.line(points, fill=LOIRE, width=150, joint="curve")
    for x in range(100, WIDTH, 260):
        draw.ellipse((x, 120, x + 90, 210), fill=(96, 140, 84))  # trees on the bank
        draw.ellipse((x + 120, 690, x + 210, 780), fill=(96, 140, 84))
    return image


def draw_round_table():
    """A meeting seen from above: a round table with chairs round it."""
    image, draw = _canvas((236, 232, 222))
    cx, cy = WIDTH // 2, HEIGHT // 2
    for step in range(10):
        a = 2 * math.pi * step / 10
        x, y = cx + 330 * math.cos(a), cy + 330 * math.sin(a)
        draw.ellipse((x - 52, y - 52, x + 52, y + 52), fill=(52, 128, 84), outline=INK, width=6)
    draw.ellipse((cx - 250, cy - 250, cx + 250, cy + 250), fill=OAK, outline=INK, width=10)
    for step in range(10):
        a = 2 * math.pi * step / 10
        x, y = cx + 190 * math.cos(a), cy + 190 * math.sin(a)
        draw.rectangle((x - 26, y - 18, x + 26, y + 18), fill=(244, 240, 230))  # papers
    return image


def draw_frieze():
    """An ornamental frieze of interlaced arcs (decorative: it shows nothing a visitor needs)."""
    image, draw = _canvas((232, 222, 196))
    for y in (140, 450, 760):
        for x in range(-100, WIDTH + 100, 200):
            draw.arc((x, y - 100, x + 200, y + 100), 0, 180, fill=(150, 70, 48), width=16)
            draw.arc((x + 100, y - 100, x + 300, y + 100), 180, 360, fill=(38, 84, 160), width=16)
    return image


# key: (title, alternative text or None for a decorative picture, drawing)
DRAWINGS = {
    "stone": (
        "Bloc de tuffeau taillé",
        "Dessin d'un bloc de pierre de tuffeau taillé, vu en perspective, marqué des traits du ciseau.",
        draw_stone,
    ),
    "timber-frame": (
        "Pan de bois",
        "Dessin d'un mur en pan de bois : poteaux, sablières et écharpes en croix de Saint-André.",
        draw_timber_frame,
    ),
    "slate-roof": (
        "Toiture en ardoise",
        "Dessin d'une toiture couverte d'ardoises arrondies posées en rangs décalés, "
        "sous un faîtage de terre cuite.",
        draw_slate_roof,
    ),
    "stained-glass": (
        "Vitrail à losanges",
        "Dessin d'un vitrail : losanges de verre rouge, bleu, jaune et vert sertis de plomb "
        "autour d'un médaillon.",
        draw_stained_glass,
    ),
    "rose-window": (
        "Rosace",
        "Dessin d'une rosace gothique : deux couronnes de cercles colorés autour d'un cœur clair.",
        draw_rose_window,
    ),
    "roof-truss": (
        "Ferme de charpente",
        "Dessin d'une ferme de charpente à poinçon : entrait, arbalétriers, poinçon et contrefiches "
        "chevillés.",
        draw_roof_truss,
    ),
    "brick-bond": (
        "Appareil flamand",
        "Dessin d'un mur de briques en appareil flamand, boutisses et panneresses alternées.",
        draw_brick_bond,
    ),
    "loire": (
        "Méandres de la Loire",
        "Dessin stylisé des méandres de la Loire entre bancs de sable et arbres des rives.",
        draw_loire,
    ),
    "round-table": (
        "Table ronde",
        "Dessin vu de dessus d'une réunion : une table ronde couverte de documents et dix chaises autour.",
        draw_round_table,
    ),
    "frieze": ("Frise d'arcs entrelacés", None, draw_frieze),
}


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_picture(key: str):
    """The demo's picture ``key`` (see ``DRAWINGS``), drawn and stored the first time."""
    title, alt, draw = DRAWINGS[key]
    existing = Picture.objects.filter(title=title, credit=CREDIT).first()
    if existing is not None:
        return existing
    picture = Picture(
        title=title,
        description=alt or "",
        is_decorative=alt is None,
        credit=CREDIT,
        licence=PROJECT_LICENCE,
        licence_url=PROJECT_LICENCE_URL,
    )
    picture.file = ImageFile(io.BytesIO(_png(draw())), name=f"demo-{key}.png")
    # Where a drawing's subject is: the whole picture is the subject, its centre kept in crops.
    picture.focal_point_x, picture.focal_point_y = WIDTH // 2, HEIGHT // 2
    picture.focal_point_width, picture.focal_point_height = WIDTH // 2, HEIGHT // 2
    picture.save()
    return picture
