"""Demo content: a fictional clinician, one article and the five exercises it describes.

The facts follow the clinic's original article on pelvic-floor-related hip pain; the wording is
our own.
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
            ("Pinching", 2, False),
            ("A deep ache", 2, False),
            ("Tightness", 2, False),
            ("Sharp or shooting", 1, False),
            ("I don't have hip pain", 0, False),
        ],
        None,
    ),
    (
        "multiple",
        "Which of these sound familiar?",
        "Choose all that apply.",
        [
            ("My hips feel stuck when I stand up from sitting", 1, False),
            ("Bringing a knee to my chest pinches at the front of the hip", 1, False),
            ("Stretching hasn't helped, however much I do", 2, False),
            ("My feet turn out when I walk", 1, False),
            ("None of these", 0, False),
        ],
        None,
    ),
    (
        "multiple",
        "Has any of these happened in the past year?",
        "Choose all that apply.",
        [
            ("Pregnancy or giving birth", 1, False),
            ("Starting a new sport, such as running", 1, False),
            ("Sitting much more, for example a new desk job", 1, False),
            ("A stressful time, or a urinary tract infection", 1, False),
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

# (title, lowest score, highest score, explanation, when to get help, exercise slugs)
QUIZ_OUTCOMES = [
    (
        "Your pelvic floor is probably not the main cause",
        0,
        5,
        "Your answers don't point strongly to the pelvic floor. Keep moving gently, and notice what "
        "makes the pain better or worse.",
        "If the pain lasts more than a few weeks, or gets worse, have it checked.",
        ["strength-imbalance-self-check"],
    ),
    (
        "Tight pelvic floor muscles may be part of it",
        6,
        12,
        "Your answers fit tension in the deep hip muscles that also belong to the pelvic floor. "
        "Gentle stretches and a ball release often help within a week or two.",
        "If nothing has changed after two or three weeks of regular practice, a pelvic floor "
        "physical therapist can find out why.",
        ["figure-4-stretch", "tennis-ball-release", "kneeling-hip-flexor-lunge"],
    ),
    (
        "It's worth having an assessment",
        13,
        21,
        "Your hip pain is affecting your day, and your answers suggest the pelvic floor may be "
        "involved. A pelvic floor physical therapist can check the muscles directly and build a "
        "plan with you.",
        "Book an assessment soon. In the meantime, only do exercises that feel good.",
        ["figure-4-stretch", "seated-hip-flexor-isometric"],
    ),
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
