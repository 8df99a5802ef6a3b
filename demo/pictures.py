"""The demo's pictures, drawn here in one friendly illustration style: a person in filled shapes
with real proportions (head, torso, limbs with thickness, in clothes), the chair, mat, ball or
mirror the exercise uses, the part of the body that works glowing in an accent colour, and an
arrow where something moves. Our own work, so the demo can ship them; clinics replace them with
their own photos in the admin.

Each pose names its joints on a 400 × 300 grid (the person faces right, or lies with the head
to the left); pictures are drawn at twice the size they are stored at and scaled down, which
smooths every edge, and are then stored and resized like any uploaded image.

Pages follow the phone's light or dark mode, so a picture has no background of its own: the
backdrop and floor are see-through tints, and every colour that carries meaning (clothes, hair,
arrows, labels) is a middle tone, or has a light halo, that stands out from both page colours.
One picture serves both modes, so dark mode costs no extra download.
"""

import re
from io import BytesIO
from math import hypot

from PIL import Image, ImageDraw, ImageFont

from demo.content import ARTICLES_FOLDER

GRID = (400, 300)
STORED_SCALE = 2  # stored at 800 × 600
DRAWN_SCALE = STORED_SCALE * 2
# See-through tints: on the light page they read as a pale green spot and a sand floor, on the
# dark one as a deep green spot and a dusky floor.
BACKDROP = (63, 138, 134, 46)
FLOOR = (160, 140, 110, 70)
SKIN = "#dba07a"
SKIN_FAR = "#c58a66"
HAIR = "#7a5134"
TOP = "#3f8a86"
TOP_FAR = "#2f6b68"
TROUSERS = "#56698f"
TROUSERS_FAR = "#465878"
SHOES = "#f2f0ea"
SHOES_FAR = "#d9d5cb"
WORKING = (242, 140, 40)  # the accent: the part of the body that works
MOVEMENT = "#3a72c8"
MAT = "#a9cfc3"
MAT_EDGE = "#7fb1a3"
WOOD = "#c9935c"
WOOD_DARK = "#a5743f"
BALL = "#d8e55a"
GLASS = "#d6e8f2"
BODY = "#1d2b2a"
LABEL_PLATE = "#fbfaf7"
# Part widths in grid units: (at the upper joint, at the lower joint).
THIGH = (21, 15)
SHIN = (14, 10)
UPPER_ARM = (11, 9)
FOREARM = (9, 7)
FOOT = (9, 7)
TORSO = (30, 32)
HEAD_RADIUS = 14


class Canvas:
    """A drawing on the grid, in grid units, at the drawing scale."""

    def __init__(self, grid=GRID):
        self.image = Image.new("RGBA", (grid[0] * DRAWN_SCALE, grid[1] * DRAWN_SCALE), (0, 0, 0, 0))
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def at(point):
        return (point[0] * DRAWN_SCALE, point[1] * DRAWN_SCALE)

    def circle(self, centre, radius, fill, outline=None, width=0):
        x, y = self.at(centre)
        r = radius * DRAWN_SCALE
        self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill, outline=outline, width=width * DRAWN_SCALE)

    def ellipse(self, centre, rx, ry, fill):
        x, y = self.at(centre)
        self.draw.ellipse(
            (x - rx * DRAWN_SCALE, y - ry * DRAWN_SCALE, x + rx * DRAWN_SCALE, y + ry * DRAWN_SCALE),
            fill=fill,
        )

    def polygon(self, points, fill, outline=None, width=0):
        self.draw.polygon([self.at(p) for p in points], fill=fill, outline=outline, width=width * DRAWN_SCALE)

    def rectangle(self, top_left, bottom_right, fill, radius=0, outline=None, width=0):
        box = (*self.at(top_left), *self.at(bottom_right))
        self.draw.rounded_rectangle(
            box, radius=radius * DRAWN_SCALE, fill=fill, outline=outline, width=width * DRAWN_SCALE
        )

    def line(self, points, colour, width):
        self.draw.line(
            [self.at(p) for p in points], fill=colour, width=round(width * DRAWN_SCALE), joint="curve"
        )
        for point in (points[0], points[-1]):
            self.circle(point, width / 2, colour)

    def limb(self, start, end, widths, colour):
        """A rounded, tapering part of the body from one joint to the next."""
        (x0, y0), (x1, y1) = start, end
        length = max(hypot(x1 - x0, y1 - y0), 0.01)
        nx, ny = -(y1 - y0) / length, (x1 - x0) / length
        w0, w1 = widths[0] / 2, widths[1] / 2
        self.polygon(
            [
                (x0 + nx * w0, y0 + ny * w0),
                (x1 + nx * w1, y1 + ny * w1),
                (x1 - nx * w1, y1 - ny * w1),
                (x0 - nx * w0, y0 - ny * w0),
            ],
            fill=colour,
        )
        self.circle(start, w0, colour)
        self.circle(end, w1, colour)

    def glow(self, centre, rx, ry):
        """The working part of the body: a soft patch of the accent colour over whatever is
        there, blended in its own box only (blending the whole picture costs ten times more)."""
        x, y = self.at(centre)
        reach_x, reach_y = round(rx * 1.35 * DRAWN_SCALE), round(ry * 1.35 * DRAWN_SCALE)
        box = (round(x) - reach_x, round(y) - reach_y, round(x) + reach_x, round(y) + reach_y)
        patch = self.image.crop(box)
        layer = Image.new("RGBA", patch.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        cx, cy = reach_x, reach_y
        for grow, alpha in ((1.35, 70), (1.0, 150), (0.6, 210)):
            ax, ay = rx * grow * DRAWN_SCALE, ry * grow * DRAWN_SCALE
            draw.ellipse((cx - ax, cy - ay, cx + ax, cy + ay), fill=(*WORKING, alpha))
        self.image.paste(Image.alpha_composite(patch, layer), box[:2])

    def arrow(self, start, end, bend=None):
        """A movement arrow from `start` to `end`, through `bend` when the path curves."""
        path = [start, bend, end] if bend else [start, end]
        self.line(path, MOVEMENT, 4)
        (x0, y0), (x1, y1) = path[-2], path[-1]
        length = max(1.0, hypot(x1 - x0, y1 - y0))
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        size = 10
        tip = (x1 + ux * 6, y1 + uy * 6)
        left = (x1 - ux * size - uy * size * 0.8, y1 - uy * size + ux * size * 0.8)
        right = (x1 - ux * size + uy * size * 0.8, y1 - uy * size - ux * size * 0.8)
        self.polygon([tip, left, right], fill=MOVEMENT)

    def label(self, position, words, size, colour):
        """Words on a small plate of the light page's colour: unseen on the light page, a tag on
        the dark one, so dark lettering reads on both."""
        font = ImageFont.load_default(size=size * DRAWN_SCALE)
        left, top, right, bottom = self.draw.textbbox(self.at(position), words, font=font)
        pad = 3 * DRAWN_SCALE
        self.draw.rounded_rectangle(
            (left - pad, top - pad, right + pad, bottom + pad), radius=pad, fill=LABEL_PLATE
        )
        self.draw.text(self.at(position), words, font=font, fill=colour)

    def finished(self):
        """Scaled down with the colours weighted by how opaque they are, so no edge gets a dark
        fringe from the see-through pixels beside it."""
        return self.image.convert("RGBa").reduce(DRAWN_SCALE // STORED_SCALE).convert("RGBA")


def _unit(start, end):
    length = max(hypot(end[0] - start[0], end[1] - start[1]), 0.01)
    return (end[0] - start[0]) / length, (end[1] - start[1]) / length


def _along(point, direction, distance):
    return (point[0] + direction[0] * distance, point[1] + direction[1] * distance)


def _body_frame(pose):
    """The torso's direction (hips to shoulders) and the direction the chest faces."""
    up = _unit(pose["hip"], pose["shoulder"])
    return up, (-up[1], up[0])


def _person(canvas, pose):
    """Far arm and leg first, in deeper shades, then the torso, the near leg, the head and the
    near arm over them, as a person is seen from the side."""
    up, front = _body_frame(pose)
    canvas.limb(pose["shoulder"], pose["far_elbow"], UPPER_ARM, TOP_FAR)
    canvas.limb(pose["far_elbow"], pose["far_hand"], FOREARM, SKIN_FAR)
    canvas.circle(pose["far_hand"], 5, SKIN_FAR)
    _leg(canvas, pose, "far", TROUSERS_FAR, SHOES_FAR)
    canvas.circle(pose["hip"], 16, TROUSERS)
    canvas.limb(_along(pose["hip"], up, 8), pose["shoulder"], TORSO, TOP)
    canvas.limb(pose["hip"], _along(pose["hip"], up, 12), (32, 30), TROUSERS)
    _leg(canvas, pose, "near", TROUSERS, SHOES)
    head = pose.get("head") or _along(pose["shoulder"], up, 27)
    canvas.limb(_along(pose["shoulder"], up, 6), head, (11, 10), SKIN)
    neck_up = _unit(pose["shoulder"], head)
    face = (-neck_up[1], neck_up[0])
    canvas.circle(_along(_along(head, face, -2.5), neck_up, 1.5), HEAD_RADIUS + 1, HAIR)
    canvas.circle(_along(head, face, 1.5), HEAD_RADIUS - 1, SKIN)
    hair_top = _along(_along(head, neck_up, 8), face, -1)
    canvas.ellipse(hair_top, 10, 6, HAIR) if abs(neck_up[1]) > 0.7 else canvas.circle(hair_top, 7, HAIR)
    canvas.circle(_along(_along(head, face, 8), neck_up, 2), 1.6, BODY)
    _near_arm(canvas, pose)


def _near_arm(canvas, pose):
    canvas.limb(pose["shoulder"], pose["near_elbow"], UPPER_ARM, TOP)
    canvas.limb(pose["near_elbow"], pose["near_hand"], FOREARM, SKIN)
    canvas.circle(pose["near_hand"], 5, SKIN)


def _leg(canvas, pose, side, trousers, shoes):
    canvas.limb(pose["hip"], pose[f"{side}_knee"], THIGH, trousers)
    canvas.limb(pose[f"{side}_knee"], pose[f"{side}_ankle"], SHIN, trousers)
    canvas.limb(pose[f"{side}_ankle"], pose[f"{side}_toe"], FOOT, shoes)


# Where each working part sits, from the pose: (centre, half-width, half-height).
def _working_part(pose, part):
    up, front = _body_frame(pose)
    hip = pose["hip"]
    if part == "pelvic-floor":
        return _along(_along(hip, up, -9), front, 2), 11, 11
    if part == "hips":
        return _along(hip, front, -7), 16, 16
    if part == "front-of-hip":
        return _along(_along(hip, front, 8), up, 6), 12, 12
    if part == "belly":
        return _along(_along(hip, up, 26), front, 10), 13, 13
    if part == "thigh":
        knee = pose["near_knee"]
        return ((hip[0] + knee[0]) / 2, (hip[1] + knee[1]) / 2), 17, 17
    raise ValueError(part)


def _floor(canvas, y=258):
    canvas.rectangle((0, y), (GRID[0], GRID[1]), fill=FLOOR)


def _backdrop(canvas):
    canvas.ellipse((200, 160), 150, 118, BACKDROP)


def _chair(canvas, left=132, right=206, seat=206, floor=258):
    for x in (left + 6, right - 8):
        canvas.limb((x, seat), (x, floor), (6, 6), WOOD_DARK)
    canvas.limb((left + 3, seat), (left - 8, seat - 86), (7, 7), WOOD_DARK)
    canvas.rectangle((left - 4, seat - 2), (right + 2, seat + 8), fill=WOOD, radius=3)


def _mat(canvas, left=70, right=330, top=248, floor=258):
    canvas.rectangle((left, top), (right, floor + 2), fill=MAT, radius=4)
    canvas.rectangle((left, floor - 1), (right, floor + 2), fill=MAT_EDGE, radius=2)


def _deep_mat(canvas, left=60, right=330, back=226, front=272):
    """A mat seen from a little above, for the side-lying pictures."""
    canvas.polygon([(left + 14, back), (right - 4, back), (right + 8, front), (left, front)], fill=MAT)
    canvas.polygon(
        [(left, front), (right + 8, front), (right + 8, front + 4), (left, front + 4)], fill=MAT_EDGE
    )


def _ball(canvas, centre, radius=10):
    canvas.circle(centre, radius, BALL)
    x, y = centre
    canvas.draw.arc(
        (*canvas.at((x - radius * 0.9, y - radius * 1.6)), *canvas.at((x + radius * 0.5, y + radius * 0.2))),
        start=20,
        end=110,
        fill="#f7f7f0",
        width=2 * DRAWN_SCALE,
    )


def _mirror(canvas):
    canvas.limb((322, 232), (338, 258), (5, 5), WOOD_DARK)
    canvas.rectangle((296, 46), (336, 246), fill=WOOD, radius=8)
    canvas.rectangle((301, 51), (331, 241), fill=GLASS, radius=6)
    canvas.limb((306, 70), (318, 58), (3, 3), "#f4fafc")


def scene(props, pose, working=(), arrows=(), extras=()):
    canvas = Canvas()
    _backdrop(canvas)
    for prop in props:
        prop(canvas)
    _person(canvas, pose)
    for extra in extras:
        extra(canvas)
    for part in working:
        centre, rx, ry = _working_part(pose, part)
        canvas.glow(centre, rx, ry)
    for arrow in arrows:
        canvas.arrow(*arrow)
    return canvas.finished()


def _pose(base=None, **joints):
    """A pose from its joints, or a change to another pose. In a new pose each far limb defaults
    to just behind its near one."""
    pose = dict(base or {}) | joints
    if base is None:
        for part in ("knee", "ankle", "toe", "elbow", "hand"):
            x, y = pose[f"near_{part}"]
            pose.setdefault(f"far_{part}", (x - 5, y - 2))
    return pose


# Sitting on a chair whose seat is at y 206, feet on the floor at y 258.
SEATED = _pose(
    hip=(172, 193),
    shoulder=(171, 130),
    near_knee=(219, 196),
    near_ankle=(222, 250),
    near_toe=(240, 253),
    near_elbow=(180, 162),
    near_hand=(205, 184),
)
SEATED_CROSSED = _pose(
    SEATED,
    near_knee=(204, 170),
    near_ankle=(224, 186),
    near_toe=(240, 180),
    near_elbow=(182, 160),
    near_hand=(206, 170),
)
SEATED_LEANING = _pose(
    SEATED_CROSSED,
    shoulder=(205, 140),
    near_elbow=(214, 166),
    near_hand=(210, 172),
    far_elbow=(216, 170),
    far_hand=(226, 186),
)
SEATED_HOLDING_BALL = _pose(SEATED, near_elbow=(184, 163), near_hand=(210, 158))
SEATED_ON_BALL = _pose(
    SEATED,
    hip=(172, 186),
    shoulder=(171, 123),
    near_knee=(219, 192),
    far_knee=(214, 190),
)
SEATED_HANDS_ON_THIGHS = _pose(
    SEATED,
    near_elbow=(180, 164),
    near_hand=(208, 182),
    far_elbow=(178, 178),
    far_hand=(200, 204),
)

# Kneeling on a mat whose top is at y 248.
KNEELING_TALL = _pose(
    hip=(198, 194),
    shoulder=(197, 131),
    near_knee=(200, 240),
    near_ankle=(152, 242),
    near_toe=(140, 246),
    near_elbow=(206, 163),
    near_hand=(208, 190),
)
HALF_KNEELING = _pose(KNEELING_TALL, near_knee=(243, 192), near_ankle=(246, 246), near_toe=(264, 249))
LUNGE_FORWARD = _pose(
    HALF_KNEELING,
    hip=(212, 200),
    shoulder=(210, 137),
    near_knee=(256, 196),
    near_ankle=(254, 246),
    near_toe=(272, 249),
    far_knee=(198, 240),
    near_elbow=(220, 168),
    near_hand=(220, 194),
)
SITTING_ON_HEELS = _pose(
    hip=(186, 226),
    shoulder=(187, 163),
    near_knee=(232, 236),
    near_ankle=(186, 244),
    near_toe=(170, 246),
    near_elbow=(196, 194),
    near_hand=(214, 222),
)
CHILDS_POSE = _pose(
    SITTING_ON_HEELS,
    shoulder=(245, 226),
    head=(269, 234),
    near_elbow=(276, 240),
    near_hand=(305, 242),
    far_elbow=(271, 238),
    far_hand=(300, 240),
)

# Lying on the back on a mat, head to the left.
LYING_KNEES_BENT = _pose(
    hip=(200, 233),
    shoulder=(138, 234),
    head=(111, 233),
    near_knee=(232, 200),
    near_ankle=(262, 244),
    near_toe=(279, 247),
    near_elbow=(169, 240),
    near_hand=(196, 242),
)
LYING_HANDS_ON_BELLY = _pose(
    LYING_KNEES_BENT,
    near_elbow=(160, 246),
    near_hand=(186, 219),
    far_elbow=(146, 248),
    far_hand=(158, 220),
)
BRIDGE = _pose(
    LYING_KNEES_BENT,
    hip=(200, 200),
    near_knee=(240, 188),
    far_knee=(235, 186),
    near_elbow=(168, 242),
    near_hand=(196, 244),
)
LYING_ONE_LEG_STRAIGHT = _pose(
    LYING_KNEES_BENT,
    near_knee=(235, 201),
    near_ankle=(272, 165),
    near_toe=(284, 176),
)
SINGLE_LEG_BRIDGE = _pose(
    BRIDGE,
    near_knee=(244, 182),
    near_ankle=(292, 167),
    near_toe=(300, 180),
)
KNEES_TO_CHEST = _pose(
    LYING_KNEES_BENT,
    near_knee=(190, 190),
    near_ankle=(228, 182),
    near_toe=(236, 168),
    far_knee=(185, 188),
    far_ankle=(223, 180),
    far_toe=(231, 166),
    near_elbow=(162, 212),
    near_hand=(186, 196),
    far_elbow=(157, 210),
    far_hand=(181, 194),
)
HAPPY_BABY = _pose(
    LYING_KNEES_BENT,
    near_knee=(178, 196),
    near_ankle=(186, 146),
    near_toe=(204, 144),
    far_knee=(173, 194),
    far_ankle=(181, 144),
    far_toe=(199, 142),
    near_elbow=(164, 196),
    near_hand=(190, 156),
    far_elbow=(159, 194),
    far_hand=(185, 154),
)

# Lying on one side, head resting on the lower arm.
SIDE_LYING = _pose(
    hip=(196, 222),
    shoulder=(132, 220),
    head=(104, 210),
    near_knee=(238, 246),
    near_ankle=(200, 254),
    near_toe=(188, 262),
    far_knee=(236, 254),
    far_ankle=(198, 262),
    far_toe=(186, 268),
    near_elbow=(160, 234),
    near_hand=(184, 240),
    far_elbow=(106, 236),
    far_hand=(90, 214),
)
CLAM_OPEN = _pose(SIDE_LYING, near_knee=(232, 196), near_ankle=(200, 250), near_toe=(188, 258))

# Standing on the floor at y 258.
STANDING = _pose(
    hip=(196, 150),
    shoulder=(196, 87),
    near_knee=(198, 200),
    near_ankle=(197, 250),
    near_toe=(215, 253),
    near_elbow=(199, 119),
    near_hand=(202, 150),
)
SQUAT = _pose(
    hip=(176, 196),
    shoulder=(202, 137),
    near_knee=(222, 198),
    near_ankle=(206, 250),
    near_toe=(224, 253),
    near_elbow=(228, 152),
    near_hand=(256, 150),
)


def _on_chair(canvas):
    _floor(canvas)
    _chair(canvas)


def _on_mat(canvas):
    _floor(canvas)
    _mat(canvas)


def _on_deep_mat(canvas):
    _floor(canvas, 250)
    _deep_mat(canvas)


def _at_mirror(canvas):
    _floor(canvas)
    _mirror(canvas)


def _ball_in_hand(canvas):
    _ball(canvas, (216, 152))


def _ball_under(canvas):
    _ball(canvas, (168, 201), radius=8)


_DRAWINGS = {}


def _picture(props, pose, description, working=(), arrows=(), extras=()):
    """A picture and its description. The same drawing asked for twice (a step that returns to
    the starting position, a position two exercises share) is one drawing, stored once."""
    key = (tuple(props), id(pose), tuple(working), tuple(arrows), tuple(extras))
    if key not in _DRAWINGS:
        _DRAWINGS[key] = lambda: scene(props, pose, working, arrows, extras)
    return (_DRAWINGS[key], description)


ON_CHAIR = [_on_chair]
ON_MAT = [_on_mat]
SITTING = "A person sits upright near the front of a chair, both feet flat on the floor"
LYING = "A person lies on their back on a mat, knees bent and feet flat on the floor"

EXERCISE_PICTURES = {
    # slug: [(picture, description)], the first for the starting position, then one for each step
    # in order (None where the position stays as the step before left it).
    "figure-4-stretch": [
        _picture(ON_CHAIR, SEATED, f"{SITTING}."),
        _picture(
            ON_CHAIR,
            SEATED_CROSSED,
            "Seated, the person rests one ankle on the opposite knee, so the legs make a figure 4.",
            ["hips"],
        ),
        _picture(
            ON_CHAIR,
            SEATED_LEANING,
            "With the ankle still on the knee, the person leans the chest forward, back long, bending at the hips; "
            "the stretch is felt in the buttock of the crossed leg.",
            ["hips"],
            [((166, 104), (222, 94), (194, 82))],
        ),
        None,
        _picture(ON_CHAIR, SEATED, "The person sits up tall again with both feet back on the floor."),
    ],
    "kneeling-hip-flexor-lunge": [
        _picture(ON_MAT, KNEELING_TALL, "A person kneels upright on a mat, hands on the hips."),
        _picture(
            ON_MAT,
            HALF_KNEELING,
            "One foot is now flat on the floor in front, knee bent; the other knee stays on the mat.",
            ["front-of-hip"],
        ),
        _picture(
            ON_MAT,
            LUNGE_FORWARD,
            "The person tucks the tailbone under and shifts the hips forward until the front knee is over the ankle; "
            "the stretch is felt at the front of the back leg's hip.",
            ["front-of-hip"],
            [((196, 214), (226, 214))],
        ),
        _picture(ON_MAT, KNEELING_TALL, "The person is back to kneeling upright on both knees."),
    ],
    "tennis-ball-release": [
        _picture(
            ON_CHAIR,
            SEATED_HOLDING_BALL,
            "A person sits on a chair holding a tennis ball.",
            extras=[_ball_in_hand],
        ),
        _picture(
            [*ON_CHAIR, _ball_under],
            SEATED_ON_BALL,
            "The person sits with the ball under the middle of the seat, between the sit bones.",
            ["pelvic-floor"],
        ),
        _picture(
            [*ON_CHAIR, _ball_under],
            SEATED_ON_BALL,
            "Still seated on the ball, the person shifts a little so it presses on muscle, not on the tailbone.",
            ["pelvic-floor"],
            [((146, 224), (188, 224))],
        ),
        None,
        _picture(
            ON_CHAIR,
            SEATED_HOLDING_BALL,
            "The ball is out from under the person, back in the hand.",
            extras=[_ball_in_hand],
        ),
    ],
    "seated-hip-flexor-isometric": [
        _picture(ON_CHAIR, SEATED, "A person sits upright on a chair, feet flat and hip-width apart."),
        _picture(
            ON_CHAIR,
            SEATED_HANDS_ON_THIGHS,
            "One hand rests on top of one thigh; the other hand, palm up, is slid under the other thigh.",
        ),
        _picture(
            ON_CHAIR,
            SEATED_HANDS_ON_THIGHS,
            "The top thigh pushes up into the hand while the other pushes down into the hand below; nothing moves.",
            ["thigh", "front-of-hip"],
            [((236, 184), (236, 156)), ((252, 172), (252, 200))],
        ),
        _picture(
            ON_CHAIR, SEATED_HANDS_ON_THIGHS, "Hands and legs relax, the hands still resting where they were."
        ),
    ],
    "strength-imbalance-self-check": [
        _picture([_at_mirror], STANDING, "A person stands tall beside a full-length mirror."),
        None,
        None,
        None,
        _picture(
            [_at_mirror],
            SQUAT,
            "The person squats in front of the mirror, arms forward, checking the weight is even on both feet.",
            ["hips", "thigh"],
        ),
    ],
    "belly-breathing": [
        _picture(ON_MAT, LYING_KNEES_BENT, f"{LYING}, arms by the sides."),
        _picture(
            ON_MAT,
            LYING_HANDS_ON_BELLY,
            "Lying with knees bent, the person rests one hand on the belly and the other on the side of the lower ribs.",
            ["belly"],
        ),
        _picture(
            ON_MAT,
            LYING_HANDS_ON_BELLY,
            "Breathing in, the belly rises into the hand.",
            ["belly"],
            [((176, 206), (176, 184))],
        ),
        _picture(
            ON_MAT,
            LYING_HANDS_ON_BELLY,
            "Breathing out, the belly falls again.",
            ["belly"],
            [((176, 180), (176, 202))],
        ),
        None,
    ],
    "pelvic-floor-drop": [
        _picture(ON_MAT, LYING_KNEES_BENT, f"{LYING}, arms relaxed by the sides.", ["pelvic-floor"]),
        None,
        None,
        None,
        None,
    ],
    "lying-pelvic-floor-squeeze": [
        _picture(
            ON_MAT,
            LYING_KNEES_BENT,
            f"{LYING}, hip-width apart; the pelvic floor is the part that works.",
            ["pelvic-floor"],
        ),
        None,
        None,
        None,
    ],
    "upright-pelvic-floor-squeeze": [
        _picture(
            ON_CHAIR,
            SEATED_HANDS_ON_THIGHS,
            "A person sits tall on a firm chair, feet flat; the pelvic floor is the part that works.",
            ["pelvic-floor"],
        ),
        None,
        None,
        None,
    ],
    "the-knack": [
        _picture(
            [_floor],
            STANDING,
            "A person stands tall, feet hip-width apart; the pelvic floor is the part that works.",
            ["pelvic-floor"],
        ),
        None,
        None,
        None,
        None,
    ],
    "clamshell": [
        _picture(
            [_on_deep_mat],
            SIDE_LYING,
            "A person lies on their side on a mat, head resting on the lower arm, hips and knees bent, feet together.",
        ),
        None,
        _picture(
            [_on_deep_mat],
            CLAM_OPEN,
            "Feet still together, the person lifts the top knee like a clam opening; the work is felt at the side of the hip.",
            ["hips"],
            [((246, 236), (244, 200))],
        ),
        _picture([_on_deep_mat], SIDE_LYING, "The top knee is lowered back onto the bottom one."),
    ],
    "glute-bridge": [
        _picture(ON_MAT, LYING_KNEES_BENT, f"{LYING}, hip-width apart, arms by the sides."),
        None,
        _picture(
            ON_MAT,
            BRIDGE,
            "Pressing through the feet, the person lifts the hips so the body makes a slope from shoulders to knees.",
            ["hips"],
            [((204, 230), (204, 214))],
        ),
        _picture(ON_MAT, LYING_KNEES_BENT, "The hips are back down on the mat, knees still bent."),
    ],
    "single-leg-bridge": [
        _picture(ON_MAT, LYING_KNEES_BENT, f"{LYING}, hip-width apart, arms by the sides."),
        _picture(
            ON_MAT,
            LYING_ONE_LEG_STRAIGHT,
            "Lying on the back, the person straightens one leg, keeping both knees level.",
        ),
        _picture(
            ON_MAT,
            SINGLE_LEG_BRIDGE,
            "Pressing through the foot on the floor, the person lifts the hips; the straight leg stays in line with the other thigh.",
            ["hips"],
            [((204, 230), (204, 214))],
        ),
        _picture(ON_MAT, LYING_KNEES_BENT, "The hips are lowered and both feet rest on the mat again."),
    ],
    "childs-pose": [
        _picture(ON_MAT, KNEELING_TALL, "A person kneels upright on a mat, knees apart."),
        _picture(ON_MAT, SITTING_ON_HEELS, "The person sits back toward the heels, upright.", ["hips"]),
        _picture(
            ON_MAT,
            CHILDS_POSE,
            "Sitting back on the heels, the person walks the hands forward and rests the chest and head low toward the mat.",
            ["hips", "pelvic-floor"],
            [((252, 208), (292, 222))],
        ),
        None,
        _picture(ON_MAT, SITTING_ON_HEELS, "The person has walked the hands back and sits up on the heels."),
    ],
    "happy-baby": [
        _picture(ON_MAT, LYING_KNEES_BENT, f"{LYING}."),
        _picture(
            ON_MAT,
            KNEES_TO_CHEST,
            "Lying on the back, the person draws both knees up toward the armpits, hands on the knees.",
        ),
        _picture(
            ON_MAT,
            HAPPY_BABY,
            "The person holds the outside of the feet, soles facing the ceiling, knees wide toward the armpits.",
            ["pelvic-floor", "hips"],
        ),
        None,
        _picture(ON_MAT, LYING_KNEES_BENT, "The feet are lowered to the mat again, knees bent."),
    ],
}


HAND_ON_HIP = _pose(
    STANDING, near_elbow=(178, 120), near_hand=(186, 146), far_elbow=(214, 118), far_hand=(208, 146)
)
HOLDING_BABY = _pose(
    STANDING, near_elbow=(206, 124), near_hand=(224, 112), far_elbow=(204, 122), far_hand=(222, 110)
)
RUNNING = _pose(
    hip=(196, 156),
    shoulder=(204, 94),
    near_knee=(236, 176),
    near_ankle=(226, 222),
    near_toe=(242, 226),
    far_knee=(182, 200),
    far_ankle=(152, 226),
    far_toe=(146, 242),
    near_elbow=(184, 124),
    near_hand=(198, 146),
    far_elbow=(222, 122),
    far_hand=(238, 104),
)
SEATED_ON_STOOL_FEET_UP = _pose(
    SEATED,
    shoulder=(192, 134),
    near_knee=(216, 178),
    near_ankle=(224, 226),
    near_toe=(242, 228),
    far_knee=(211, 176),
    far_ankle=(219, 224),
    far_toe=(237, 226),
    near_elbow=(212, 172),
    near_hand=(232, 166),
)
SEATED_TALKING = _pose(SEATED, near_elbow=(186, 158), near_hand=(212, 146))


def _baby(canvas):
    canvas.ellipse((226, 118), 17, 11, "#f3d9c6")
    canvas.circle((244, 108), 9, SKIN)
    canvas.circle((247, 103), 5, HAIR)
    _near_arm(canvas, HOLDING_BABY)  # over the baby, holding it


def _footstool(canvas):
    canvas.rectangle((208, 232), (256, 258), fill=WOOD, radius=3)


def _speech(canvas):
    canvas.rectangle((232, 70), (322, 116), fill="#ffffff", radius=16)
    canvas.polygon([(244, 112), (236, 130), (262, 114)], fill="#ffffff")
    for x in (258, 277, 296):
        canvas.circle((x, 93), 5, TOP)


def _cushion(canvas):
    canvas.rectangle((136, 196), (200, 206), fill="#f0d9b5", radius=5)


def _track(canvas):
    _floor(canvas, 244)
    for x in (40, 130, 220, 310):
        canvas.rectangle((x, 262), (x + 50, 266), fill="#ffffff", radius=2)


def _running_lines(canvas):
    for y, length in ((120, 36), (146, 48), (172, 30)):
        canvas.line([(128 - length, y), (128, y)], "#b9cfc8", 4)


TOPIC_ILLUSTRATIONS = {
    "hip-pain": _picture(
        [_floor], HAND_ON_HIP, "A person stands with a hand on the side of the hip, where it aches.", ["hips"]
    ),
    "pelvic-floor-basics": _picture(
        ON_CHAIR,
        SEATED,
        "A person sits upright on a chair; the pelvic floor, at the base of the pelvis, is highlighted.",
        ["pelvic-floor"],
    ),
    "pregnancy-and-postpartum": _picture(
        [_floor],
        HOLDING_BABY,
        "A person stands holding a baby in their arms.",
        ["pelvic-floor"],
        extras=[_baby],
    ),
    "bladder-and-bowel": _picture(
        [_on_chair, _footstool],
        SEATED_ON_STOOL_FEET_UP,
        "A person sits leaning forward with elbows near the knees and feet raised on a small stool.",
        ["belly"],
    ),
    "pelvic-pain": _picture(
        [_on_chair, _cushion],
        SEATED,
        "A person sits on a chair with a soft cushion under them; the pelvic floor is highlighted.",
        ["pelvic-floor"],
    ),
    "running-and-sport": _picture(
        [_track, _running_lines], RUNNING, "A person runs with an easy stride.", ["pelvic-floor"]
    ),
    "your-visit": _picture(
        ON_CHAIR,
        SEATED_TALKING,
        "A person sits on a chair, talking through their questions.",
        extras=[_speech],
    ),
}


def _article_topics(slug):
    """The topics a demo article lists in its front matter, first one first."""
    path = ARTICLES_FOLDER / f"{slug}.md"
    found = re.search(r"^topics:\s*\[([^\]]*)\]", path.read_text(), re.MULTILINE) if path.exists() else None
    return [topic.strip() for topic in found.group(1).split(",")] if found else []


# Where a demo article's first topic is not what its picture should show.
ARTICLE_TOPIC = {"returning-to-running-after-birth": "running-and-sport"}


def topic_of(slug):
    topics = [slug, ARTICLE_TOPIC.get(slug), *_article_topics(slug)]
    topic = next((topic for topic in topics if topic in TOPIC_ILLUSTRATIONS), None)
    if topic is None:
        raise KeyError(f"no illustration for {slug!r}")
    return topic


def article_illustration(slug):
    """The illustration for a demo article (or for a topic, by its slug): its topic's."""
    return TOPIC_ILLUSTRATIONS[topic_of(slug)][0]()


def _home(canvas):
    """The home page's setting: a mat on the floor, a potted plant and a low sun."""
    _floor(canvas)
    _mat(canvas, 60, 320)
    canvas.rectangle((324, 214), (356, 258), fill=WOOD, radius=4)
    for tip in ((322, 160), (340, 150), (358, 162), (332, 176), (352, 180)):
        canvas.limb((340, 214), tip, (8, 3), "#5f9a6b")
    canvas.circle((70, 70), 22, "#f6d78a")


def home_illustration():
    """The home page's picture: a patient doing a glute bridge on a mat, at ease, beside a plant."""
    return scene([_home], BRIDGE, ["pelvic-floor"])


HOME_ILLUSTRATION_ALT = (
    "A person lifts their hips in a bridge on an exercise mat at home, beside a potted plant."
)


def as_png(image):
    """The stored original that copies are made from, as any upload's are: PNG, the one format
    every copy can keep see-through (the copies browsers fetch are AVIF and WebP)."""
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


BONE = "#f3efe4"
BONE_LINE = "#6b7a78"
PELVIC_FLOOR = TOP
HIP_MUSCLES = "#d23b2f"
LABEL_TEAL = "#0f5f57"
LABEL_RED = "#b3261e"


def pelvis_diagram():
    """The demo article's lead image: where the pelvic floor and the deep hip muscles sit, seen
    from the front, labelled."""
    canvas = Canvas(grid=(400, 225))
    # Hip bones, the sacrum and the thigh bones, simplified.
    for bone in (
        [(110, 50), (187, 70), (187, 110), (157, 140), (127, 127), (100, 87)],
        [(290, 50), (213, 70), (213, 110), (243, 140), (273, 127), (300, 87)],
        [(187, 67), (213, 67), (208, 113), (200, 123), (192, 113)],
    ):
        canvas.polygon(bone, fill=BONE, outline=BONE_LINE, width=2)
    for x, direction in ((120, -1), (280, 1)):
        canvas.limb((x, 140), (x + direction * 13, 213), (12, 12), BONE_LINE)
        canvas.limb((x, 140), (x + direction * 13, 213), (8, 8), BONE)
        canvas.circle((x, 130), 13, BONE, outline=BONE_LINE, width=2)
    # The pelvic floor, a hammock across the bottom of the pelvis, and the deep hip rotators, from
    # the sacrum to the top of each thigh bone, in middle tones that hold on either page.
    hammock = (*canvas.at((140, 100)), *canvas.at((260, 173)))
    canvas.draw.arc(hammock, start=20, end=160, fill=PELVIC_FLOOR, width=5 * DRAWN_SCALE)
    for start, end in (((192, 100), (132, 125)), ((208, 100), (268, 125))):
        canvas.line([start, end], HIP_MUSCLES, 5)
    canvas.line([(200, 181), (200, 164)], PELVIC_FLOOR, 1.5)
    canvas.line([(100, 100), (157, 113)], HIP_MUSCLES, 1.5)
    canvas.label((143, 182), "Pelvic floor muscles", 11, LABEL_TEAL)
    canvas.label((13, 80), "Deep hip muscles", 11, LABEL_RED)
    canvas.label((13, 99), "(such as the piriformis)", 9, BONE_LINE)
    canvas.label((145, 16), "Pelvis, seen from the front", 11, BODY)
    canvas.label((318, 196), "Thigh bone", 9, BONE_LINE)
    return canvas.finished()


def portrait(hair, skin, shirt, long_hair=False, beard=False):
    """An illustrated head and shoulders for a demo clinician, on a backdrop of its own as a
    photo would have."""
    canvas = Canvas(grid=(300, 300))
    canvas.rectangle((0, 0), (300, 300), fill="#9cc8bc")
    canvas.ellipse((150, 290), 90, 90, shirt)
    if long_hair:
        canvas.rectangle((88, 75), (212, 220), fill=hair, radius=55)
    canvas.rectangle((132, 165), (168, 210), fill=skin)
    canvas.ellipse((150, 135), 55, 60, skin)
    canvas.draw.chord((*canvas.at((90, 65)), *canvas.at((210, 165))), start=180, end=360, fill=hair)
    if beard:
        canvas.draw.chord((*canvas.at((102, 125)), *canvas.at((198, 200))), start=0, end=180, fill=hair)
        canvas.ellipse((150, 164), 15, 5, skin)
    for x in (128, 172):
        canvas.circle((x, 132), 5, BODY)
    canvas.draw.arc(
        (*canvas.at((130, 145)), *canvas.at((170, 170))), start=20, end=160, fill=BODY, width=3 * DRAWN_SCALE
    )
    return canvas.finished()


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
