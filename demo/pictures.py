"""The demo's pictures, drawn here in one plain line style: a figure, the chair, mat or ball, and
an arrow for the movement. Our own work, so the demo can ship them; clinics replace them with their
own photos in the admin.

Each pose names its joints on a 400 × 300 grid (the figure faces right); pictures are drawn at
twice that size, and stored and resized like any uploaded image.
"""

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

SCALE = 2
SIZE = (400 * SCALE, 300 * SCALE)
BACKGROUND = "#fbfaf7"
BODY = "#1d2b2a"
FAR_SIDE = "#8a9896"
PROP_FILL = "#e6f2ef"
PROP_LINE = "#4a5a58"
MOVEMENT = "#b35c00"
LIMB = 9
HEAD_RADIUS = 15


def _points(*points):
    return [(x * SCALE, y * SCALE) for x, y in points]


def _line(draw, colour, *points, width=LIMB):
    scaled = _points(*points)
    draw.line(scaled, fill=colour, width=width * SCALE, joint="curve")
    radius = width * SCALE / 2
    for x, y in (scaled[0], scaled[-1]):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)


def _figure(draw, pose):
    """Far limbs first, in grey, then the body and the near limbs over them."""
    for side, colour in (("far", FAR_SIDE), ("near", BODY)):
        if side == "near":
            _line(draw, BODY, pose["hip"], pose["shoulder"])
            head = pose.get("head") or (pose["shoulder"][0] + 4, pose["shoulder"][1] - 24)
            x, y = head[0] * SCALE, head[1] * SCALE
            r = HEAD_RADIUS * SCALE
            draw.ellipse((x - r, y - r, x + r, y + r), fill=BACKGROUND, outline=BODY, width=LIMB * SCALE - 4)
        _line(draw, colour, pose["hip"], pose[f"{side}_knee"], pose[f"{side}_ankle"])
        _line(draw, colour, pose[f"{side}_ankle"], pose[f"{side}_toe"], width=LIMB - 2)
        _line(draw, colour, pose["shoulder"], pose[f"{side}_elbow"], pose[f"{side}_hand"])


def _chair(draw, seat_left=130, seat_right=205, seat_y=190, floor=262):
    draw.rectangle(
        _points((seat_left, seat_y), (seat_right, seat_y + 10)), fill=PROP_FILL, outline=PROP_LINE, width=4
    )
    for x in (seat_left + 6, seat_right - 6):
        _line(draw, PROP_LINE, (x, seat_y + 10), (x, floor), width=4)
    _line(draw, PROP_LINE, (seat_left + 4, seat_y), (seat_left - 6, seat_y - 80), width=5)


def _floor(draw, y=262):
    _line(draw, PROP_LINE, (20, y), (380, y), width=3)


def _mat(draw, left, right, y):
    draw.rounded_rectangle(
        _points((left, y - 8), (right, y)), radius=4 * SCALE, fill=PROP_FILL, outline=PROP_LINE, width=4
    )


def _ball(draw, centre, radius=11):
    x, y = centre
    draw.ellipse(
        _points((x - radius, y - radius), (x + radius, y + radius)),
        fill="#d9e86b",
        outline=PROP_LINE,
        width=4,
    )


def _arrow(draw, start, end, bend=None):
    """A movement arrow from `start` to `end`, through `bend` when the path curves."""
    path = [start, bend, end] if bend else [start, end]
    _line(draw, MOVEMENT, *path, width=5)
    (x0, y0), (x1, y1) = path[-2], path[-1]
    length = max(1.0, ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    size = 12
    tip = (x1 + ux * 4, y1 + uy * 4)
    left = (x1 - ux * size - uy * size * 0.7, y1 - uy * size + ux * size * 0.7)
    right = (x1 - ux * size + uy * size * 0.7, y1 - uy * size - ux * size * 0.7)
    draw.polygon(_points(tip, left, right), fill=MOVEMENT)


SEATED = {
    "hip": (176, 180),
    "shoulder": (172, 116),
    "near_knee": (224, 180),
    "near_ankle": (226, 252),
    "near_toe": (244, 254),
    "far_knee": (220, 176),
    "far_ankle": (222, 252),
    "far_toe": (240, 254),
    "near_elbow": (186, 150),
    "near_hand": (212, 172),
    "far_elbow": (182, 148),
    "far_hand": (206, 168),
}

SEATED_CROSSED = SEATED | {
    "near_knee": (206, 150),
    "near_ankle": (228, 170),
    "near_toe": (240, 162),
    "near_elbow": (188, 146),
    "near_hand": (208, 150),
}

SEATED_LEANING = SEATED_CROSSED | {
    "shoulder": (214, 128),
    "head": (234, 110),
    "near_elbow": (222, 152),
    "near_hand": (210, 152),
    "far_elbow": (226, 156),
    "far_hand": (230, 172),
}

KNEELING_TALL = {
    "hip": (196, 160),
    "shoulder": (196, 96),
    "near_knee": (196, 246),
    "near_ankle": (140, 250),
    "near_toe": (128, 256),
    "far_knee": (192, 246),
    "far_ankle": (136, 250),
    "far_toe": (124, 256),
    "near_elbow": (214, 126),
    "near_hand": (248, 134),
    "far_elbow": (210, 128),
    "far_hand": (246, 138),
}

HALF_KNEELING = KNEELING_TALL | {
    "near_knee": (246, 168),
    "near_ankle": (254, 252),
    "near_toe": (272, 254),
}

LUNGE_FORWARD = HALF_KNEELING | {
    "hip": (216, 172),
    "shoulder": (218, 108),
    "near_knee": (258, 176),
    "near_elbow": (236, 138),
    "near_hand": (266, 146),
    "far_elbow": (232, 140),
    "far_hand": (262, 150),
}

SEATED_HOLDING_BALL = SEATED | {"near_elbow": (190, 150), "near_hand": (222, 142)}

SEATED_ON_BALL = SEATED | {
    "hip": (176, 172),
    "shoulder": (173, 108),
    "head": (177, 84),
    "near_knee": (224, 176),
    "far_knee": (220, 172),
}

SEATED_HANDS_ON_THIGHS = SEATED | {
    "near_elbow": (182, 148),
    "near_hand": (214, 168),
    "far_elbow": (178, 156),
    "far_hand": (208, 186),
}


def _scene(draw_props, pose, arrows=()):
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw_props(draw)
    _figure(draw, pose)
    for arrow in arrows:
        _arrow(draw, *arrow)
    return image


def _on_chair(draw):
    _floor(draw)
    _chair(draw)


def _on_mat(draw):
    _floor(draw, 258)
    _mat(draw, 110, 290, 258)


def _with_ball_in_hand(draw):
    _on_chair(draw)
    _ball(draw, (230, 136))


def _with_ball_under(draw):
    _on_chair(draw)
    _ball(draw, (170, 180), radius=9)


EXERCISE_PICTURES = {
    # slug: [(picture, description)], the first for the starting position, then one for each step
    # in order (None where the position does not change, or goes back to the start).
    "figure-4-stretch": [
        (
            lambda: _scene(_on_chair, SEATED),
            "A person sits upright near the front of a chair, both feet flat on the floor.",
        ),
        (
            lambda: _scene(_on_chair, SEATED_CROSSED),
            "Seated, the person rests one ankle on the opposite knee, so the legs make a figure 4.",
        ),
        (
            lambda: _scene(_on_chair, SEATED_LEANING, [((184, 92), (226, 88), (206, 80))]),
            "With the ankle still on the knee, the person leans the chest forward, back long, bending at the hips.",
        ),
        None,
        None,
    ],
    "kneeling-hip-flexor-lunge": [
        (
            lambda: _scene(_on_mat, KNEELING_TALL),
            "A person kneels upright on a folded towel, arms reaching forward for balance.",
        ),
        (
            lambda: _scene(_on_mat, HALF_KNEELING),
            "One foot is now flat on the floor in front, knee bent; the other knee stays on the towel.",
        ),
        (
            lambda: _scene(_on_mat, LUNGE_FORWARD, [((206, 204), (240, 204))]),
            "The person tucks the tailbone under and shifts the hips forward until the front knee is over the ankle.",
        ),
        None,
    ],
    "tennis-ball-release": [
        (
            lambda: _scene(_with_ball_in_hand, SEATED_HOLDING_BALL),
            "A person sits on a chair holding a tennis ball.",
        ),
        (
            lambda: _scene(_with_ball_under, SEATED_ON_BALL),
            "The person sits with the ball under the middle of the seat, between the sit bones.",
        ),
        (
            lambda: _scene(_with_ball_under, SEATED_ON_BALL, [((150, 206), (190, 206))]),
            "Still seated on the ball, the person shifts a little so it presses on muscle, not on the tailbone.",
        ),
        None,
        None,
    ],
    "seated-hip-flexor-isometric": [
        (
            lambda: _scene(_on_chair, SEATED),
            "A person sits upright on a chair, feet flat and hip-width apart.",
        ),
        (
            lambda: _scene(_on_chair, SEATED_HANDS_ON_THIGHS),
            "One hand rests on top of one thigh; the other hand, palm up, is slid under the other thigh.",
        ),
        (
            lambda: _scene(
                _on_chair, SEATED_HANDS_ON_THIGHS, [((232, 180), (232, 150)), ((250, 160), (250, 196))]
            ),
            "The top thigh pushes up into the hand while the other pushes down into the hand below; nothing moves.",
        ),
        None,
    ],
}


def png(image):
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def pelvis_diagram():
    """The demo article's lead image: where the pelvic floor and the deep hip muscles sit, seen
    from the front, labelled."""
    width, height = 1200, 675
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    bone = "#f3efe4"
    # Hip bones, the sacrum and the thigh bones, simplified.
    draw.polygon(
        [(330, 150), (560, 210), (560, 330), (470, 420), (380, 380), (300, 260)],
        fill=bone,
        outline=PROP_LINE,
        width=5,
    )
    draw.polygon(
        [(870, 150), (640, 210), (640, 330), (730, 420), (820, 380), (900, 260)],
        fill=bone,
        outline=PROP_LINE,
        width=5,
    )
    draw.polygon(
        [(560, 200), (640, 200), (625, 340), (600, 370), (575, 340)], fill=bone, outline=PROP_LINE, width=5
    )
    for x, direction in ((360, -1), (840, 1)):
        draw.ellipse((x - 38, 352, x + 38, 428), fill=bone, outline=PROP_LINE, width=5)
        draw.line([(x, 420), (x + direction * 40, 640)], fill=PROP_LINE, width=34)
        draw.line([(x, 420), (x + direction * 40, 640)], fill=bone, width=24)
    # The pelvic floor: a hammock across the bottom of the pelvis.
    draw.arc((420, 300, 780, 520), start=20, end=160, fill="#0f5f57", width=16)
    # Deep hip rotators: from the sacrum to the top of each thigh bone.
    for start, end in (((575, 300), (395, 375)), ((625, 300), (805, 375))):
        draw.line([start, end], fill="#b3261e", width=14)
    font = ImageFont.load_default(size=34)
    small = ImageFont.load_default(size=28)
    draw.text((430, 548), "Pelvic floor muscles", font=font, fill="#0f5f57")
    draw.line([(600, 545), (600, 490)], fill="#0f5f57", width=4)
    draw.text((40, 250), "Deep hip muscles", font=font, fill="#b3261e")
    draw.text((40, 292), "(such as the piriformis)", font=small, fill=PROP_LINE)
    draw.line([(300, 300), (470, 340)], fill="#b3261e", width=4)
    draw.text((470, 70), "Pelvis, seen from the front", font=font, fill=BODY)
    draw.text((980, 580), "Thigh bone", font=small, fill=PROP_LINE)
    return image


def portrait(hair, skin, shirt, long_hair=False, beard=False):
    """An illustrated head and shoulders for a demo clinician."""
    size = 600
    image = Image.new("RGB", (size, size), "#e6f2ef")
    draw = ImageDraw.Draw(image)
    draw.ellipse((120, 400, 480, 760), fill=shirt)
    if long_hair:
        draw.rounded_rectangle((175, 150, 425, 440), radius=110, fill=hair)
    draw.rectangle((265, 330, 335, 420), fill=skin)
    draw.ellipse((190, 150, 410, 390), fill=skin)
    draw.chord((180, 130, 420, 330), start=180, end=360, fill=hair)
    if beard:
        draw.chord((205, 250, 395, 400), start=0, end=180, fill=hair)
        draw.ellipse((270, 318, 330, 338), fill=skin)
    for x in (255, 345):
        draw.ellipse((x - 10, 255, x + 10, 275), fill=BODY)
    draw.arc((260, 290, 340, 340), start=20, end=160, fill=BODY, width=6)
    return image


PORTRAITS = {
    "maya-lindqvist": (
        lambda: portrait(hair="#6b4a2b", skin="#f0c9a8", shirt="#0f5f57", long_hair=True),
        "Illustration of Maya, with long brown hair and a green top, smiling.",
    ),
    "jonah-whitfield": (
        lambda: portrait(hair="#2b2b2b", skin="#8d5a3b", shirt="#3b5b8c", beard=True),
        "Illustration of Jonah, with short dark hair and a beard, in a blue shirt, smiling.",
    ),
}


ARTICLE_LEAD = (
    pelvis_diagram,
    "A labelled diagram of the pelvis from the front: the pelvic floor muscles form a hammock across "
    "its base, and deep hip muscles run from the base of the spine to the top of each thigh bone.",
)
