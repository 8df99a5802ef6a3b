"""Demo content: a fictional clinic's library of articles, exercises and self-checks.

The first article's facts follow the clinic's original article on pelvic-floor-related hip pain;
the others follow the guidelines and textbooks they cite. The wording is our own.
"""

from datetime import date, time
from pathlib import Path

CLINICIAN = {
    "slug": "maya-lindqvist",
    "name": "Dr. Maya Lindqvist",
    "credentials": "PT, DPT",
    "bio": (
        "Maya earned her Doctor of Physical Therapy degree and now treats orthopedic and pelvic "
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
    {
        "slug": "bladder-and-bowel",
        "name": "Bladder and bowel",
        "description": "Leaking, rushing to the toilet, constipation and straining, and what helps.",
    },
    {
        "slug": "pelvic-pain",
        "name": "Pelvic pain",
        "description": "Pain in the pelvis, tailbone or sit bones, and pain when you sit.",
    },
    {
        "slug": "running-and-sport",
        "name": "Running and sport",
        "description": "Getting back to running, lifting and sport, with a pelvic floor that keeps up.",
    },
    {
        "slug": "your-visit",
        "name": "Seeing a pelvic floor physical therapist",
        "description": "What happens at a visit, and how to get ready.",
    },
]

# Every article is a markdown file in articles/ with its details in front matter, the same shape
# as a markdown-folder import. All were checked by the reviewer on this day.
ARTICLES_FOLDER = Path(__file__).parent / "articles"
REVIEWED_ON = date(2026, 11, 2)


# The article the demo draws a lead picture for.
PICTURED_ARTICLE = "is-a-tight-pelvic-floor-causing-your-hip-pain"


# The five exercises of the first article: the home page features them.
FEATURED_EXERCISES = {
    "figure-4-stretch",
    "kneeling-hip-flexor-lunge",
    "tennis-ball-release",
    "seated-hip-flexor-isometric",
    "strength-imbalance-self-check",
}

BODY_REGIONS = [
    {"slug": "hips", "name": "Hips"},
    {"slug": "pelvic-floor", "name": "Pelvic floor"},
    {"slug": "thighs", "name": "Thighs"},
    {"slug": "core", "name": "Core"},
]

EQUIPMENT = [
    {"slug": "chair", "name": "Chair"},
    {"slug": "towel", "name": "Folded towel"},
    {"slug": "ball", "name": "Tennis or lacrosse ball"},
    {"slug": "mirror", "name": "Mirror"},
    {"slug": "mat", "name": "Mat or carpet"},
    {"slug": "pillow", "name": "Pillow"},
]

# Each exercise: its fields, then "regions", "equipment" (slugs), "steps" as (instruction, tip,
# hold seconds), and optionally "easier"/"harder" (slugs of other demo exercises).
EXERCISES = [
    {
        "slug": "figure-4-stretch",
        "name": "Figure-4 stretch",
        "kind": "stretch",
        "difficulty": "gentle",
        "summary": "A seated stretch for a tight piriformis, deep in the back of the hip.",
        "purpose": (
            "Lengthens the piriformis, one of the deep hip rotators that also belongs to the "
            "back of the pelvic floor."
        ),
        "starting_position": "Sit toward the front of a sturdy chair with both feet flat on the floor.",
        "where_you_feel_it": "In the outer hip of the leg that is crossed on top.",
        "hold_seconds": 30,
        "repetitions": 3,
        "is_each_side": True,
        "frequency": 2,
        "regions": ["hips", "pelvic-floor"],
        "equipment": ["chair"],
        "steps": [
            ("Lift one foot and rest its ankle on the opposite knee.", "", None),
            (
                "Keep your back long and lean your chest forward, bending at the hips.",
                "Lead with your breastbone rather than rounding your back.",
                None,
            ),
            (
                "Hold the stretch. For more, press gently down on the bent knee, or draw it toward the "
                "opposite shoulder.",
                "Keep whichever version feels better.",
                30,
            ),
            ("Sit up tall and put your foot back on the floor.", "", None),
        ],
    },
    {
        "slug": "kneeling-hip-flexor-lunge",
        "name": "Kneeling hip-flexor lunge",
        "kind": "stretch",
        "difficulty": "moderate",
        "summary": "A half-kneeling lunge that lengthens the muscles at the front of the hip.",
        "purpose": (
            "Stretches the hip flexors, which often tighten along with the pelvic floor and add to hip pain."
        ),
        "starting_position": (
            "Kneel beside a chair or a wall you can hold for balance. A folded towel under the "
            "knee makes it kinder on the floor."
        ),
        "where_you_feel_it": "At the front of the hip of the back leg.",
        "hold_seconds": 30,
        "repetitions": 3,
        "is_each_side": True,
        "frequency": 2,
        "regions": ["hips", "thighs"],
        "equipment": ["chair", "towel"],
        "steps": [
            (
                "Bring one foot forward and put it flat on the floor, well in front of your knee, "
                "so your front knee is bent to more than a right angle.",
                "",
                None,
            ),
            (
                "Tuck your tailbone under, then shift your weight forward onto the front leg "
                "until that knee is right above its ankle. Hold.",
                "Don't let the front knee slide forward past your toes.",
                30,
            ),
            ("Ease back to kneeling.", "", None),
        ],
    },
    {
        "slug": "tennis-ball-release",
        "name": "Tennis-ball release",
        "kind": "release",
        "difficulty": "gentle",
        "summary": "Sitting on a ball to ease tension at the back of the pelvic floor.",
        "purpose": (
            "Presses on and relaxes the muscles at the back of the pelvic floor, which are hard "
            "to reach with stretches."
        ),
        "starting_position": "Sit on a chair with a little padding. Have a tennis or lacrosse ball ready.",
        "where_you_feel_it": "Between your sit bones, just in front of the tailbone.",
        "stop_if": "\n".join(
            [
                "You feel a sharp or zingy spot: shift off it, as nerves dislike direct pressure.",
                "Pain rather than firm pressure.",
                "You feel worse afterwards.",
            ]
        ),
        "hold_seconds": 90,
        "repetitions": 1,
        "frequency": 1,
        "regions": ["pelvic-floor"],
        "equipment": ["chair", "ball"],
        "steps": [
            (
                "Place the ball under you, midway between your two sit bones, in the soft area "
                "below the tailbone and behind the anus.",
                "",
                None,
            ),
            (
                "Shift the ball a little until it is not pressing on the tailbone itself. "
                "You want steady pressure on muscle, not pain.",
                "",
                None,
            ),
            ("Stay here, breathing slowly and letting your pelvic floor soften.", "", 90),
            (
                "Remove the ball. Once this feels easy, you can sit on the floor with the ball in the same "
                "place and lean back on your hands; slowly circling your hips adds more.",
                "Start with no more than a couple of minutes in all.",
                None,
            ),
        ],
    },
    {
        "slug": "seated-hip-flexor-isometric",
        "name": "Seated hip-flexor strengthener",
        "kind": "strengthening",
        "difficulty": "gentle",
        "summary": "A gentle hold that builds hip-flexor strength without moving the leg.",
        "purpose": (
            "Strengthens the hip flexors, which can relieve more pain than stretching them when "
            "they are weak."
        ),
        "starting_position": "Sit in a chair with both feet flat and hip-width apart.",
        "where_you_feel_it": "At the front of the hip and thigh of the leg pushing up.",
        "repetitions": 5,
        "rest_seconds": 10,
        "is_each_side": True,
        "frequency": 1,
        "regions": ["hips", "thighs", "core"],
        "equipment": ["chair"],
        "steps": [
            (
                "Rest one hand on top of that side's thigh. Slide the other hand, palm up, "
                "under the other thigh.",
                "",
                None,
            ),
            (
                "Press both legs into your hands at once: the top thigh pushes up into the hand "
                "above it while the other thigh pushes down into the hand below it. Hold the effort.",
                "Match the push of your hands to your legs so that nothing actually moves.",
                10,
            ),
            ("Let your hands and legs relax.", "", None),
        ],
    },
    {
        "slug": "strength-imbalance-self-check",
        "name": "Strength-imbalance self-check",
        "kind": "self-check",
        "difficulty": "moderate",
        "summary": "Four questions that show whether one side or one muscle group is doing too much.",
        "purpose": (
            "Finds uneven strength around the hips. When both sides are about equally strong, "
            "hip and pelvic floor pain often eases."
        ),
        "starting_position": "Think back over your usual exercises, or try them as you read.",
        "where_you_feel_it": "",
        "regions": ["hips", "core"],
        "equipment": ["mirror"],
        "steps": [
            ("In single-leg exercises, does one side tire sooner than the other?", "", None),
            (
                "Can you do lots of donkey kicks but tire after a handful of hip-flexor exercises?",
                "",
                None,
            ),
            ("Is a clamshell much easier than a reverse clamshell, or the other way round?", "", None),
            (
                "Squat, or single-leg squat, in front of a mirror. At the bottom, is your weight "
                "even on both feet, or do you lean to one side?",
                "A yes to any question is worth raising with a physical therapist.",
                None,
            ),
        ],
    },
]


# The rest of the library: breathing, relaxing, pelvic floor training and hip strength, several in
# easier and harder versions of each other. Not featured on the home page, which keeps to the five
# above.
EXERCISES += [
    {
        "slug": "belly-breathing",
        "name": "Belly breathing",
        "kind": "release",
        "difficulty": "gentle",
        "summary": "Slow, low breaths that let your belly, ribs and pelvic floor move and relax.",
        "purpose": (
            "Your breathing muscle and your pelvic floor move together. Slow, low breaths help tense "
            "pelvic floor muscles let go, and calm your body when you are in pain."
        ),
        "starting_position": (
            "Lie on your back with your knees bent and your feet flat, or sit well supported in a chair."
        ),
        "where_you_feel_it": "Your belly and lower ribs rise and widen; your pelvic floor softens.",
        "hold_seconds": None,
        "repetitions": 10,
        "frequency": 2,
        "regions": ["core", "pelvic-floor"],
        "equipment": ["mat"],
        "harder": "pelvic-floor-drop",
        "steps": [
            ("Put one hand on your belly and the other on the side of your lower ribs.", "", None),
            (
                "Breathe in slowly through your nose. Let your belly rise and your ribs widen into your hands.",
                "Keep your shoulders and neck soft.",
                4,
            ),
            (
                "Breathe out slowly through your mouth, as if you were fogging a mirror. Let your belly fall.",
                "Make the out-breath a little longer than the in-breath.",
                6,
            ),
            ("Repeat for ten slow breaths, then rest and breathe normally.", "", None),
        ],
    },
    {
        "slug": "pelvic-floor-drop",
        "name": "Pelvic floor drop",
        "kind": "release",
        "difficulty": "gentle",
        "summary": "Learn to let your pelvic floor relax fully, in time with your breath.",
        "purpose": (
            "Teaches tight pelvic floor muscles to let go. It can ease pain with sitting or sex, "
            "and make it easier to pee and poop."
        ),
        "starting_position": (
            "Lie on your back with your knees bent and your feet flat, or sit on a soft chair, leaning "
            "forward a little."
        ),
        "where_you_feel_it": "A soft, gentle widening at the base of your pelvis.",
        "stop_if": "It causes pain, or you feel worse afterwards.",
        "repetitions": 10,
        "frequency": 2,
        "regions": ["pelvic-floor"],
        "equipment": ["mat"],
        "easier": "belly-breathing",
        "steps": [
            ("Breathe normally for a few breaths and notice your pelvic floor.", "", None),
            (
                "Breathe in slowly. Let your belly widen and imagine your sit bones spreading apart.",
                "Think of a flower opening, not pushing.",
                4,
            ),
            ("Breathe out and let everything settle. Don't squeeze.", "", 6),
            ("Repeat ten times, then rest.", "", None),
        ],
    },
    {
        "slug": "lying-pelvic-floor-squeeze",
        "name": "Pelvic floor squeeze, lying down",
        "kind": "strengthening",
        "difficulty": "gentle",
        "summary": "The first step in pelvic floor training: slow squeezes and full rests, lying down.",
        "purpose": (
            "Builds strength and control in weak pelvic floor muscles. It is the base of training "
            "for leaking and for recovery after birth."
        ),
        "starting_position": "Lie on your back with your knees bent and your feet flat, hip-width apart.",
        "where_you_feel_it": "A lift and squeeze inside, around the front and back passages.",
        "stop_if": "It causes pain, or you have pain with sitting or sex: learn to relax the muscles first.",
        "hold_seconds": 5,
        "repetitions": 8,
        "rest_seconds": 10,
        "frequency": 3,
        "regions": ["pelvic-floor", "core"],
        "equipment": ["mat"],
        "harder": "upright-pelvic-floor-squeeze",
        "steps": [
            ("Breathe in and let your belly and pelvic floor relax.", "", None),
            (
                "As you breathe out, squeeze and lift, as if you were holding in gas and pee at once. Hold.",
                "Keep your buttocks, thighs and belly soft, and keep breathing.",
                5,
            ),
            ("Let go fully, and rest before the next one.", "The rest matters as much as the squeeze.", 10),
        ],
    },
    {
        "slug": "upright-pelvic-floor-squeeze",
        "name": "Pelvic floor squeeze, sitting and standing",
        "kind": "strengthening",
        "difficulty": "moderate",
        "summary": "Long holds and quick squeezes, upright, where your pelvic floor works against gravity.",
        "purpose": (
            "Trains the pelvic floor to hold for longer and to react fast, in the positions you are in all day."
        ),
        "starting_position": "Sit tall on a firm chair with your feet flat. Later, do it standing.",
        "where_you_feel_it": "A lift and squeeze inside, around the front and back passages.",
        "hold_seconds": 10,
        "repetitions": 10,
        "rest_seconds": 10,
        "frequency": 3,
        "regions": ["pelvic-floor", "core"],
        "equipment": ["chair"],
        "easier": "lying-pelvic-floor-squeeze",
        "harder": "the-knack",
        "steps": [
            (
                "Squeeze and lift your pelvic floor, and hold it while you keep breathing.",
                "Start with what you can hold well, and build up to ten seconds.",
                10,
            ),
            ("Let go fully and rest.", "", 10),
            (
                "Now do ten quick squeezes: lift firmly, then let go at once.",
                "Let the muscles relax fully between each one.",
                None,
            ),
        ],
    },
    {
        "slug": "the-knack",
        "name": "Squeeze before you sneeze",
        "kind": "strengthening",
        "difficulty": "challenging",
        "summary": "Tighten your pelvic floor just before you cough, sneeze or lift, until it happens by itself.",
        "purpose": (
            "Uses your pelvic floor strength at the moment you need it, to stop leaks when you cough, "
            "sneeze, laugh or lift."
        ),
        "starting_position": "Stand tall, with your feet hip-width apart.",
        "where_you_feel_it": "A quick, firm lift inside, just before the cough.",
        "repetitions": 5,
        "frequency": 1,
        "regions": ["pelvic-floor", "core"],
        "equipment": [],
        "easier": "upright-pelvic-floor-squeeze",
        "steps": [
            ("Squeeze and lift your pelvic floor firmly.", "", None),
            ("While you hold the squeeze, give a small cough.", "Notice if the lift stays up.", None),
            ("Let go fully and take a breath.", "", None),
            (
                "Repeat, and then use the same squeeze before you sneeze, laugh or lift in daily life.",
                "With practice it becomes automatic.",
                None,
            ),
        ],
    },
    {
        "slug": "clamshell",
        "name": "Clamshell",
        "kind": "strengthening",
        "difficulty": "gentle",
        "summary": "A side-lying move that wakes up the muscles on the outside of your hip.",
        "purpose": (
            "Strengthens the muscles at the side and back of the hip, which steady your pelvis when "
            "you walk, run or stand on one leg."
        ),
        "starting_position": (
            "Lie on your side with your hips and knees bent and your feet together. Rest your head on "
            "your arm or a pillow."
        ),
        "where_you_feel_it": "In the side and back of the top hip.",
        "repetitions": 12,
        "sets": 2,
        "is_each_side": True,
        "frequency": 1,
        "regions": ["hips"],
        "equipment": ["mat"],
        "harder": "glute-bridge",
        "steps": [
            ("Stack your hips one on top of the other, and keep your feet together.", "", None),
            (
                "Lift your top knee as far as you can without rolling your hips back.",
                "Keep your feet touching.",
                2,
            ),
            ("Lower your knee slowly.", "", None),
        ],
    },
    {
        "slug": "glute-bridge",
        "name": "Glute bridge",
        "kind": "strengthening",
        "difficulty": "moderate",
        "summary": "Lift your hips off the floor to build strength in your buttocks and the back of your thighs.",
        "purpose": (
            "Builds the buttock and thigh strength you need for walking, stairs and running, and "
            "works well with your pelvic floor and breath."
        ),
        "starting_position": (
            "Lie on your back with your knees bent, your feet flat and hip-width apart, and your arms by your sides."
        ),
        "where_you_feel_it": "In your buttocks and the back of your thighs, not your low back.",
        "hold_seconds": 3,
        "repetitions": 10,
        "sets": 2,
        "frequency": 1,
        "regions": ["hips", "thighs", "core"],
        "equipment": ["mat"],
        "easier": "clamshell",
        "harder": "single-leg-bridge",
        "steps": [
            ("Breathe in, and let your belly and pelvic floor relax.", "", None),
            (
                "Breathe out, gently lift your pelvic floor, and press through your feet to lift your hips.",
                "Stop when your body is in a line from shoulders to knees.",
                3,
            ),
            ("Lower slowly, one part of your back at a time.", "", None),
        ],
    },
    {
        "slug": "single-leg-bridge",
        "name": "Single-leg bridge",
        "kind": "strengthening",
        "difficulty": "challenging",
        "summary": "A bridge on one leg, for strength and control when you are ready for more.",
        "purpose": (
            "Builds strength on each side on its own, so a stronger side cannot do the work. It is a "
            "good step toward running."
        ),
        "starting_position": "Lie on your back with your knees bent and your feet flat, hip-width apart.",
        "where_you_feel_it": "In the buttock and the back of the thigh of the leg on the floor.",
        "stop_if": "You feel it mainly in your low back, or your hips tip to one side.",
        "hold_seconds": 3,
        "repetitions": 8,
        "sets": 2,
        "is_each_side": True,
        "frequency": 1,
        "regions": ["hips", "thighs", "core"],
        "equipment": ["mat"],
        "easier": "glute-bridge",
        "steps": [
            ("Straighten one leg, keeping your knees level.", "", None),
            (
                "Breathe out and press through the foot on the floor to lift your hips.",
                "Keep your hips level, like a table top.",
                3,
            ),
            ("Lower slowly and rest the lifted foot down.", "", None),
        ],
    },
    {
        "slug": "childs-pose",
        "name": "Wide-knee child's pose",
        "kind": "stretch",
        "difficulty": "gentle",
        "summary": "A resting stretch that opens the hips and gives the pelvic floor room to relax.",
        "purpose": (
            "Gently lengthens the pelvic floor, inner thighs and low back, and pairs well with slow breathing."
        ),
        "starting_position": "Kneel on a mat, with your big toes touching and your knees wide apart.",
        "where_you_feel_it": "In your inner thighs, hips and low back, and a softening in your pelvic floor.",
        "hold_seconds": 60,
        "repetitions": 2,
        "frequency": 1,
        "regions": ["hips", "pelvic-floor", "thighs"],
        "equipment": ["mat", "pillow"],
        "harder": "happy-baby",
        "steps": [
            ("Sit back toward your heels. Put a pillow under your buttocks if they don't reach.", "", None),
            (
                "Walk your hands forward and lower your chest toward the floor. Rest your head on your hands.",
                "",
                None,
            ),
            (
                "Breathe slowly into your belly and back. Let your pelvic floor widen as you breathe in.",
                "",
                60,
            ),
            ("Walk your hands back and sit up slowly.", "", None),
        ],
    },
    {
        "slug": "happy-baby",
        "name": "Happy baby stretch",
        "kind": "stretch",
        "difficulty": "moderate",
        "summary": "Lying on your back holding your feet, a deeper stretch for the pelvic floor and inner hips.",
        "purpose": "Lengthens the pelvic floor and the inner thigh muscles more than child's pose.",
        "starting_position": "Lie on your back on a mat with your knees bent.",
        "where_you_feel_it": "In your inner thighs and groin, and a widening at the base of your pelvis.",
        "stop_if": "You feel a pinch at the front of the hip.",
        "hold_seconds": 45,
        "repetitions": 2,
        "frequency": 1,
        "regions": ["hips", "pelvic-floor", "thighs"],
        "equipment": ["mat", "towel"],
        "easier": "childs-pose",
        "steps": [
            ("Bring your knees toward your armpits.", "", None),
            (
                "Hold the outside of your feet, or your shins. A towel looped over each foot also works.",
                "Keep your tailbone on the floor.",
                None,
            ),
            (
                "Let your knees open and breathe into your belly. Let your pelvic floor soften as you breathe in.",
                "",
                45,
            ),
            ("Let go of your feet and lower them one at a time.", "", None),
        ],
    },
]

# Intro-call opening hours for the demo clinician, in the clinic's time zone: weekday mornings,
# plus Tuesday and Thursday afternoons. (weekday 0 = Monday, opens, closes)
AVAILABILITY = [
    *[(weekday, time(9, 0), time(12, 0)) for weekday in range(5)],
    (1, time(14, 0), time(17, 0)),
    (3, time(14, 0), time(17, 0)),
]

QUIZ = {
    "slug": "is-my-hip-pain-pelvic-floor-related",
    "title": "Could my hip pain be coming from my pelvic floor?",
    "summary": "Eight quick questions about hip pain and the pelvic floor, with what to try next.",
    "topics": ["hip-pain"],
    "introduction": (
        "Answer eight short questions about your hip pain. It takes about two minutes.\n\n"
        "This is **not a diagnosis**: it suggests what might be going on and what to try next. "
        "It asks nothing that identifies you, and your answers are not saved."
    ),
    "urgent_guidance": (
        "These symptoms can mean a nerve or another problem needs prompt treatment. **Call your "
        "doctor today, or go to an urgent care center or emergency department now.** Don't wait "
        "for an exercise to help. Once you have been checked, we are glad to help with recovery."
    ),
}

# (kind, question, hint, answers as (text, score, is_red_flag), scale labels)
QUIZ_QUESTIONS = [
    (
        "yes-no",
        "Do you have new numbness or tingling between your legs, or around your genitals or anus?",
        "",
        [("Yes", 0, True), ("No", 0, False)],
        None,
    ),
    (
        "yes-no",
        "Have you recently started losing control of your bladder or bowels?",
        "",
        [("Yes", 0, True), ("No", 0, False)],
        None,
    ),
    (
        "yes-no",
        "Do you have a fever as well as pain in your pelvis?",
        "",
        [("Yes", 0, True), ("No", 0, False)],
        None,
    ),
    (
        "yes-no",
        "Did the pain start after a fall or an accident?",
        "",
        [("Yes", 0, True), ("No", 0, False)],
        None,
    ),
    (
        "single",
        "Which word fits your hip pain best?",
        "",
        [
            ("Pinching", 3, False),
            ("A deep ache", 3, False),
            ("Tightness", 3, False),
            ("Sharp or shooting", 2, False),
            ("I don't have hip pain", 0, False),
        ],
        None,
    ),
    (
        "multiple",
        "Which of these sound familiar?",
        "Choose all that apply.",
        [
            ("My hips are not as flexible as they used to be", 2, False),
            ("My hips feel stuck when I stand up from a chair", 2, False),
            ("Pulling a knee toward my chest pinches at the front of my hip", 2, False),
            ("Stretching hasn't helped, however much I do", 3, False),
            ("My toes point out when I walk", 2, False),
            ("None of these", 0, False),
        ],
        None,
    ),
    (
        "multiple",
        "Has any of these happened in the past year?",
        "Choose all that apply.",
        [
            ("Pregnancy or giving birth", 2, False),
            ("Starting a new kind of exercise, such as running", 2, False),
            ("Sitting much more, for example at a new desk job", 2, False),
            ("A stressful time, or a urinary tract infection", 2, False),
            ("None of these", 0, False),
        ],
        None,
    ),
    (
        "scale",
        "How much does the pain get in the way of your day?",
        "",
        [],
        ("Not at all", "I can't do my usual things"),
    ),
]

# (title, lowest score, highest score, explanation, when to get help, exercise slugs, article slugs)
# Scored the way a pelvic floor therapist reads the signs the hip article lists: the kind of pain
# (3 points) with any one sign of tight deep hip muscles (2) is already enough to suggest the
# pelvic floor; many signs, or pain that rules the day, call for an assessment.
QUIZ_OUTCOMES = [
    (
        "Your pelvic floor is probably not the main cause",
        0,
        4,
        "Your answers show few signs of a tight pelvic floor. Keep moving gently, and notice what "
        "makes the pain better or worse.",
        "If the pain lasts more than a few weeks, or gets worse, have it checked.",
        ["strength-imbalance-self-check"],
        ["is-a-tight-pelvic-floor-causing-your-hip-pain"],
    ),
    (
        "Tight pelvic floor muscles may be part of it",
        5,
        16,
        "Your answers fit tension in the deep hip muscles that are also part of the pelvic floor. "
        "Gentle stretches and a ball release often help within a week or two.",
        "If nothing has changed after two or three weeks of regular practice, a pelvic floor "
        "physical therapist can find out why.",
        ["figure-4-stretch", "tennis-ball-release", "kneeling-hip-flexor-lunge"],
        ["is-a-tight-pelvic-floor-causing-your-hip-pain"],
    ),
    (
        "It's worth having an assessment",
        17,
        32,
        "You have many signs of a tight pelvic floor, or the pain gets in the way of your day. A "
        "pelvic floor physical therapist can check the muscles directly and build a plan with you.",
        "Book an assessment soon. In the meantime, only do exercises that feel good.",
        ["figure-4-stretch", "seated-hip-flexor-isometric"],
        ["is-a-tight-pelvic-floor-causing-your-hip-pain"],
    ),
]

RUNNING_QUIZ = {
    "slug": "am-i-ready-to-run-after-birth",
    "title": "Am I ready to run after having a baby?",
    "summary": "Six quick questions about your recovery since birth, with what to work on before you run.",
    "topics": ["pregnancy-and-postpartum", "running-and-sport"],
    "introduction": (
        "Answer six short questions about your recovery since your baby was born. It takes about "
        "two minutes.\n\n"
        "This is **not a medical check**: it shows what to work on before you run. It asks nothing "
        "that identifies you, and your answers are not saved."
    ),
    "urgent_guidance": (
        "These signs can mean a problem that needs care today. **Call your doctor or midwife now, "
        "or go to an emergency department.** Don't start running until you have been checked."
    ),
}

RUNNING_QUIZ_QUESTIONS = [
    (
        "yes-no",
        "Is your bleeding getting heavier again, or are you soaking a pad in an hour?",
        "",
        [("Yes", 0, True), ("No", 0, False)],
        None,
    ),
    (
        "yes-no",
        "Do you have pain, swelling or redness in one calf, or chest pain, or sudden shortness of breath?",
        "",
        [("Yes", 0, True), ("No", 0, False)],
        None,
    ),
    (
        "single",
        "How long ago was your baby born?",
        "",
        [
            ("Less than 6 weeks ago", 4, False),
            ("6 to 12 weeks ago", 3, False),
            ("More than 12 weeks ago", 0, False),
        ],
        None,
    ),
    (
        "multiple",
        "When you walk fast, lift your baby or cough, do you notice any of these?",
        "Choose all that apply.",
        [
            ("I leak, even a little", 2, False),
            ("A feeling of heaviness or a bulge in my vagina", 2, False),
            ("Pain in my pelvis, back or hips", 2, False),
            ("None of these", 0, False),
        ],
        None,
    ),
    (
        "multiple",
        "Which of these are still hard for you?",
        "Choose all that apply. Try them now if you are not sure.",
        [
            ("Walking fast for 30 minutes", 1, False),
            ("Standing on one leg for 10 seconds", 1, False),
            ("Ten single-leg squats on each side", 1, False),
            ("Jogging on the spot for 1 minute", 1, False),
            ("Hopping 10 times on each leg", 1, False),
            ("None of these: they are all easy", 0, False),
        ],
        None,
    ),
    (
        "yes-no",
        "Is a gap or a soft dome still showing along the middle of your belly?",
        "",
        [("Yes", 1, False), ("No", 0, False)],
        None,
    ),
]

RUNNING_ARTICLES = ["returning-to-running-after-birth", "pelvic-floor-after-pregnancy-and-birth"]
RUNNING_QUIZ_OUTCOMES = [
    (
        "You look ready to start running slowly",
        0,
        1,
        "Your answers suggest your body has had time to heal and you have a good base. Start with "
        "short runs mixed with walking, and add a little each week.",
        "If you start to leak, feel heavy or have pain when you run, ease back and get checked.",
        ["single-leg-bridge", "upright-pelvic-floor-squeeze"],
        RUNNING_ARTICLES,
    ),
    (
        "Build a little more strength first",
        2,
        5,
        "You are on your way. Spend a few more weeks on walking and strength work, then take this "
        "check again.",
        "If these signs have not changed after six weeks of regular practice, a pelvic floor "
        "physical therapist can find out why.",
        ["glute-bridge", "clamshell", "upright-pelvic-floor-squeeze"],
        RUNNING_ARTICLES,
    ),
    (
        "Get checked before you run",
        6,
        16,
        "Your answers suggest your body needs more time, or some help, before running. Leaking, "
        "heaviness and pain are common after birth, and they can be treated.",
        "Book a visit with a pelvic floor physical therapist. Until then, walk and do gentle exercises "
        "that feel good.",
        ["belly-breathing", "lying-pelvic-floor-squeeze"],
        RUNNING_ARTICLES,
    ),
]

# (quiz, questions, outcomes)
QUIZZES = [
    (QUIZ, QUIZ_QUESTIONS, QUIZ_OUTCOMES),
    (RUNNING_QUIZ, RUNNING_QUIZ_QUESTIONS, RUNNING_QUIZ_OUTCOMES),
]

# Words the plain-language panel flags in drafts, with what to say instead.
GLOSSARY = [
    ("abductors", "outer-hip muscles"),
    ("adductors", "inner-thigh muscles"),
    ("ameliorate", "ease"),
    ("anterior", "front"),
    ("bilateral", "on both sides"),
    ("coccydynia", "tailbone pain"),
    ("coccyx", "tailbone"),
    ("contraindicated", "not safe for you"),
    ("defecation", "pooping, or having a bowel movement"),
    ("diaphragm", "your main breathing muscle, under your ribs"),
    ("diastasis recti", "a gap between the belly muscles"),
    ("dyspareunia", "pain during sex"),
    ("facilitate", "help"),
    ("gluteus maximus", "your main buttock muscle"),
    ("hypertonic", "too tight, and unable to relax"),
    ("hypertonicity", "tightness that will not let go"),
    ("hypotonic", "weak, with low tone"),
    ("incontinence", "leaking"),
    ("intra-abdominal pressure", "pressure inside the belly"),
    ("ischial tuberosity", "sit bone"),
    ("isometric", "holding a muscle tight without moving"),
    ("lateral", "on the outer side"),
    ("levator ani", "the main muscle of the pelvic floor"),
    ("lumbopelvic", "low back and pelvis"),
    ("medial", "on the inner side"),
    ("micturition", "peeing"),
    ("nocturia", "getting up at night to pee"),
    ("obturator internus", "a deep hip muscle inside the pelvis"),
    ("perineum", "the skin and muscle between the genitals and the anus"),
    ("piriformis", "a deep muscle at the back of the hip"),
    ("postpartum", "after birth"),
    ("posterior", "back"),
    ("prenatal", "during pregnancy"),
    ("prolapse", "a bulge or heaviness in the vagina or back passage"),
    ("proprioception", "your sense of where your body is"),
    ("pudendal nerve", "the main nerve of the pelvic floor"),
    ("range of motion", "how far a joint moves"),
    ("stress urinary incontinence", "leaking when you cough, laugh, lift or jump"),
    ("trigger point", "a tight, tender spot in a muscle"),
    ("unilateral", "on one side"),
    ("urethra", "the tube you pee through"),
    ("urge incontinence", "leaking when you can't reach the toilet in time"),
    ("urinary frequency", "needing to pee often"),
    ("utilize", "use"),
    ("utilizes", "uses"),
    ("Valsalva", "holding your breath and bearing down"),
]

# Words patients search for that the demo's texts do not use, and the words they do use.
SEARCH_SYNONYMS = [
    ("sciatica", "hip pain"),
    ("cesarean", "c-section"),
    ("caesarean", "c-section"),
    ("mommy tummy", "belly gap"),
]

# A fictional clinic. Phone numbers in 555-01xx are reserved for fiction; example.org addresses
# reach no one.
CLINIC_PROFILE = {
    "name": "Riverbend Pelvic Health",
    "short_name": "Riverbend",
    "email_name": "Riverbend Clinic",
    "brand_colour": "#0f5f57",
    "phone": "503-555-0142",
    "email": "hello@riverbend.example.org",
    "street_address": "1420 Alder Street, Suite 3",
    "city": "Portland",
    "region": "OR",
    "postal_code": "97214",
    "emergency_number": "911",
    "intro_calls_by": "phone",
    "insurance": (
        "We take most PPO plans. Out of network? We give you a superbill: a receipt to send to your plan."
    ),
    "insurance_plans": "Most PPO plans\nHSA and FSA cards\nPaying yourself, with a superbill for your plan",
    "privacy_before": (
        "We are a small physical therapy clinic. We built this website to teach, not to watch you. "
        "This page says, in plain words, what the site keeps about you."
    ),
    "privacy_after": (
        "Once you are our patient, your care is covered by our **Notice of Privacy Practices**, "
        "which we give you at your first visit. You can ask the front desk for a copy at any time."
    ),
}

OPENING_HOURS = [
    *[(weekday, time(7, 30), time(18, 0)) for weekday in range(4)],
    (4, time(8, 0), time(15, 0)),
]

CLINICIAN_DETAILS = {
    "maya-lindqvist": {
        "job_title": "Pelvic health physical therapist",
        "pronouns": "she/her",
        "specialities": "Hip and pelvic pain\nPregnancy and after birth\nHypermobility\nGetting back to sport",
        "languages": "English, Swedish",
        "team_order": 1,
    },
    "jonah-whitfield": {
        "job_title": "Clinical lead and pelvic health physical therapist",
        "pronouns": "he/him",
        "specialities": "Leaking and urgency\nPain with sitting\nConstipation and straining",
        "languages": "English, Spanish",
        "team_order": 2,
    },
}

# The clinic's own pages: made by the demo when missing, never rewritten, since they are the
# clinic's to edit.
PAGES = [
    {
        "slug": "about-us",
        "title": "About us",
        "summary": "Who we are, how we work, and what a first visit is like.",
        "body": (
            "Riverbend Pelvic Health is a small physical therapy clinic in Portland. We help people "
            "with pain and problems in the pelvis, hips, belly and low back.\n\n"
            "## How we work\n\n"
            "- Every visit is one to one, in a private room, for a full hour.\n"
            "- We explain what we find in plain words, and we ask before we touch.\n"
            "- You choose what happens. You can say stop at any time.\n\n"
            "## Your first visit\n\n"
            "We talk first: about your symptoms, your health and your goals. Then we look at how you "
            "move and breathe. An internal exam can help, but it is always your choice, and many "
            "people never have one. You leave with a plan and two or three exercises to start."
        ),
        "in_header": True,
        "in_footer": True,
        "navigation_order": 1,
    },
    {
        "slug": "conditions-we-treat",
        "title": "Conditions we treat",
        "summary": "The pelvic floor, hip and belly problems our physical therapists help with.",
        "body": (
            "These are the problems we see most. If yours is not here, call us and ask.\n\n"
            "## Pain\n\n"
            "- Hip or groin pain that stretching does not fix\n"
            "- Pain when you sit, or pain around the tailbone\n"
            "- Pain during or after sex\n"
            "- Pain in the belly or pelvis during or after pregnancy\n\n"
            "## Bladder and bowel\n\n"
            "- Leaking when you cough, laugh, run or jump\n"
            "- Needing to rush to the toilet, or going very often\n"
            "- Constipation and straining\n\n"
            "## Pregnancy and after birth\n\n"
            "- A gap in the belly muscles\n"
            "- A feeling of heaviness or bulging in the vagina\n"
            "- Getting back to running, lifting and sport"
        ),
        "is_health_content": True,
        "in_header": False,
        "in_footer": True,
        "navigation_order": 2,
    },
    {
        "slug": "insurance-and-fees",
        "title": "Insurance and fees",
        "summary": "What a visit costs, the insurance we take, and how to pay.",
        "body": (
            "The intro call is always free.\n\n"
            "## Insurance\n\n"
            "We bill most major health plans. Call us with your plan's name and we will check what it "
            "covers before your first visit. Many plans let you see a physical therapist without a "
            "doctor's referral.\n\n"
            "## Paying yourself\n\n"
            "A first visit is one hour. Follow-up visits are 45 or 60 minutes. Ask the front desk for "
            "today's prices. We take cards and HSA or FSA cards.\n\n"
            "## If you need to cancel\n\n"
            "Please tell us a day ahead, so someone else can have the time."
        ),
        "in_header": False,
        "in_footer": True,
        "navigation_order": 3,
    },
    {
        "slug": "contact-and-directions",
        "title": "Contact and directions",
        "summary": "How to find us, where to park, and how to get in touch.",
        "body": (
            "## Finding us\n\n"
            "We are on the ground floor, with a step-free way in from the street. There is street "
            "parking nearby, and a bus stop one block away.\n\n"
            "## Getting in touch\n\n"
            "Call or email the front desk. We answer on weekdays and reply to messages within one "
            "working day. Please do not send health details by email: call us instead."
        ),
        "in_header": False,
        "in_footer": True,
        "navigation_order": 4,
    },
    {
        "slug": "accessibility",
        "title": "Accessibility",
        "summary": "How we make this website and our clinic easy to use, and how to tell us when they are not.",
        "body": (
            "We want everyone to be able to use this website and visit our clinic.\n\n"
            "## This website\n\n"
            "- It aims to meet the WCAG 2.2 AA standard.\n"
            "- It works with screen readers, with a keyboard alone, and at large text sizes.\n"
            "- Every page works without JavaScript.\n"
            "- Exercises can be followed one step at a time, with timers you can pause.\n\n"
            "## Our clinic\n\n"
            "The clinic has a step-free way in, a wide door and an accessible toilet. Tell us what "
            "would help you before your visit, such as a longer appointment or a quiet room.\n\n"
            "## Tell us\n\n"
            "If something on this site is hard to use, call or email us. We will fix it, and help you "
            "in another way in the meantime."
        ),
        "in_header": False,
        "in_footer": True,
        "navigation_order": 5,
    },
]
