"""Demo content: a fictional clinician, one article and the five exercises it describes.

The facts follow the clinic's original article on pelvic-floor-related hip pain; the wording is
our own.
"""

from datetime import date
from pathlib import Path

CLINICIAN = {
    "slug": "maya-lindqvist",
    "name": "Dr. Maya Lindqvist",
    "credentials": "PT, DPT",
    "bio": (
        "Maya earned her Doctor of Physical Therapy degree and now treats orthopaedic and pelvic "
        "health problems. She has further training in pregnancy and postpartum care, core "
        "rehabilitation, hypermobility, trauma-informed care and gender-affirming physical therapy."
    ),
    "location": "Portland, Oregon",
}

REVIEWER = {
    "slug": "jonah-whitfield",
    "name": "Dr. Jonah Whitfield",
    "credentials": "PT, DPT, WCS",
    "bio": (
        "Jonah is a board-certified women's health clinical specialist who has treated pelvic "
        "floor problems for over a decade. He reviews the clinic's health pages for accuracy."
    ),
    "location": "Portland, Oregon",
}

TOPICS = [
    {
        "slug": "hip-pain",
        "name": "Hip pain",
        "description": "Why hips ache, pinch or feel stuck, and what helps.",
    },
    {
        "slug": "pelvic-floor-basics",
        "name": "Pelvic floor basics",
        "description": "What the pelvic floor is, what it does, and how it links to the rest of the body.",
    },
    {
        "slug": "pregnancy-and-postpartum",
        "name": "Pregnancy and postpartum",
        "description": "Looking after your pelvic floor and hips while pregnant and after birth.",
    },
]

ARTICLE = {
    "slug": "is-a-tight-pelvic-floor-causing-your-hip-pain",
    "title": "Is a tight pelvic floor causing your hip pain?",
    "summary": (
        "Deep hip tightness that stretching never fixes can start in the pelvic floor. "
        "How the two are linked, who is at risk, and five ways to ease it."
    ),
    "body": (Path(__file__).parent / "tight-pelvic-floor-hip-pain.md").read_text(),
    "key_takeaways": "\n".join(
        [
            "Some deep hip muscles are also part of the pelvic floor, so tension there can feel like hip pain.",
            "It often feels like a pinch, an ache, or hips that feel stuck.",
            "Pregnancy, a new sport, long hours sitting and stress all make it more likely.",
            "Gentle stretches, a ball release and balanced strength usually help within weeks.",
        ]
    ),
    "when_to_get_help": (
        "Get urgent medical care, rather than trying exercises, if you have:\n\n"
        "- numbness or tingling between your legs or around your genitals or anus;\n"
        "- a new problem controlling your bladder or bowels;\n"
        "- a fever together with pelvic pain;\n"
        "- severe pain after a fall or an accident.\n\n"
        "See your doctor or a physical therapist soon if the pain keeps getting worse, wakes you at night, "
        "or has not improved after a few weeks."
    ),
    "reviewed_on": date(2026, 11, 2),
    "topics": ["hip-pain", "pelvic-floor-basics"],
}

EXERCISES = [
    {
        "slug": "figure-4-stretch",
        "name": "Figure-4 stretch",
        "kind": "stretch",
        "summary": "A seated stretch for a tight piriformis, deep in the back of the hip.",
        "purpose": (
            "Lengthens the piriformis, one of the deep hip rotators that also belongs to the "
            "back of the pelvic floor."
        ),
        "starting_position": "Sit towards the front of a sturdy chair with both feet flat on the floor.",
        "where_you_feel_it": "In the outer hip of the leg that is crossed on top.",
        "steps": [
            ("Lift one foot and rest its ankle on the opposite knee.", ""),
            (
                "Keep your back long and lean your chest forward, bending at the hips.",
                "Lead with your breastbone rather than rounding your back.",
            ),
            ("For a deeper stretch, press gently down on the bent knee.", ""),
            ("Hold, then sit up tall and put your foot back on the floor. Repeat on the other side.", ""),
        ],
    },
    {
        "slug": "kneeling-hip-flexor-lunge",
        "name": "Kneeling hip-flexor lunge",
        "kind": "stretch",
        "summary": "A half-kneeling lunge that lengthens the muscles at the front of the hip.",
        "purpose": (
            "Stretches the hip flexors, which often tighten along with the pelvic floor and add to hip pain."
        ),
        "starting_position": (
            "Kneel beside a chair or a wall you can hold for balance. A folded towel under the "
            "knee makes it kinder on the floor."
        ),
        "where_you_feel_it": "At the front of the hip of the back leg.",
        "steps": [
            (
                "Bring one foot forward and put it flat on the floor, well in front of your knee, "
                "so your front knee is bent to more than a right angle.",
                "",
            ),
            (
                "Tuck your tailbone under, then shift your weight forward onto the front leg "
                "until that knee is right above its ankle.",
                "Don't let the front knee slide forward past your toes.",
            ),
            ("Hold, then come back and switch legs.", ""),
        ],
    },
    {
        "slug": "tennis-ball-release",
        "name": "Tennis-ball release",
        "kind": "release",
        "summary": "Sitting on a ball to ease tension at the back of the pelvic floor.",
        "purpose": (
            "Presses on and relaxes the muscles at the back of the pelvic floor, which are hard "
            "to reach with stretches."
        ),
        "starting_position": "Sit on a chair with a little padding. Have a tennis or lacrosse ball ready.",
        "where_you_feel_it": "Between your sit bones, just in front of the tailbone.",
        "steps": [
            (
                "Place the ball under you, midway between your two sit bones, in the soft area "
                "below the tailbone and behind the anus.",
                "",
            ),
            (
                "Shift the ball a little until it is not pressing on the tailbone itself. "
                "You want steady pressure on muscle, not pain.",
                "",
            ),
            ("Stay for a minute or two, breathing slowly, then remove the ball.", ""),
            (
                "To press harder later on, sit on the floor with the ball in the same place and "
                "lean back on your hands. Slowly circling your hips adds more.",
                "Only move on to this once the chair version feels easy.",
            ),
        ],
    },
    {
        "slug": "seated-hip-flexor-isometric",
        "name": "Seated hip-flexor strengthener",
        "kind": "strengthening",
        "summary": "A gentle hold that builds hip-flexor strength without moving the leg.",
        "purpose": (
            "Strengthens the hip flexors, which can relieve more pain than stretching them when "
            "they are weak."
        ),
        "starting_position": "Sit in a chair with both feet flat and hip-width apart.",
        "where_you_feel_it": "At the front of the hip and thigh of the leg pushing up.",
        "steps": [
            (
                "Rest your right hand on top of your right thigh. Slide your left hand, palm up, "
                "under your left thigh.",
                "",
            ),
            (
                "Press both legs into your hands at once: the right thigh pushes up into the hand "
                "above it while the left thigh pushes down into the hand below it.",
                "Match the push of your hands to your legs so that nothing actually moves.",
            ),
            ("Hold the effort, then let your hands and legs relax.", ""),
            ("Swap your hands over and repeat.", ""),
        ],
    },
    {
        "slug": "strength-imbalance-self-check",
        "name": "Strength-imbalance self-check",
        "kind": "self-check",
        "summary": "Four questions that show whether one side or one muscle group is doing too much.",
        "purpose": (
            "Finds uneven strength around the hips. When both sides are about equally strong, "
            "hip and pelvic floor pain often eases."
        ),
        "starting_position": "Think back over your usual exercises, or try them as you read.",
        "where_you_feel_it": "",
        "steps": [
            ("In single-leg exercises, does one side tire sooner than the other?", ""),
            (
                "Can you do lots of donkey kicks but tire after a handful of hip-flexor exercises?",
                "",
            ),
            ("Is a clamshell much easier than a reverse clamshell, or the other way round?", ""),
            (
                "Squat, or single-leg squat, in front of a mirror. At the bottom, is your weight "
                "even on both feet, or do you lean to one side?",
                "A yes to any question is worth raising with a physical therapist.",
            ),
        ],
    },
]
