"""Wording for the demo area's plans, by the broad area of the child's primary need. Each provision
template is complete (who, how often, how long); the demo step then weakens a realistic share of
plans in the ways the LGA audit (seed 001) and the Kent letter (seed 004) describe."""

from tellonce.domain.plan_content import Period

AREAS = {
    "ASD": "communication",
    "SLCN": "communication",
    "MLD": "learning",
    "SPLD": "learning",
    "SLD": "learning",
    "PMLD": "learning",
    "DS": "learning",
    "SEMH": "semh",
    "PD": "physical",
    "HI": "sensory",
    "VI": "sensory",
    "MSI": "sensory",
    "OTH": "learning",
}

NEEDS = {
    "communication": [
        "{name} finds it hard to understand spoken instructions of more than two steps and needs time to process language.",
        "{name} communicates in short phrases and can find busy, noisy rooms overwhelming, which leads to withdrawal or distress.",
        "{name} finds changes to routine difficult and benefits from knowing what will happen next.",
    ],
    "learning": [
        "{name} is working well below the level expected for their age in reading, writing and number.",
        "{name} needs new learning broken into small steps, with lots of repetition, to remember it.",
        "{name} finds it hard to work independently and to organise their belongings and work.",
    ],
    "semh": [
        "{name} experiences high levels of anxiety, particularly at unstructured times such as break and lunch.",
        "{name} finds it hard to manage strong feelings and can leave the classroom when upset.",
        "{name} has had gaps in their education because of periods of absence, and has lost confidence as a learner.",
    ],
    "physical": [
        "{name} uses a wheelchair and needs help to move around the school safely.",
        "{name} has difficulty with fine motor skills, which makes handwriting slow and tiring.",
        "{name} tires quickly and needs rest breaks during the day.",
    ],
    "sensory": [
        "{name} has a hearing or vision impairment that means they miss information given to the whole class.",
        "{name} needs learning materials adapted so they can access them independently.",
        "{name} can become isolated from their friends in group activities.",
    ],
}

HEALTH_NEEDS = [
    "{name} has epilepsy, controlled by medication, and has an individual health care plan.",
    "{name} has asthma and uses an inhaler before exercise.",
    "{name} is under the community paediatrician for their development and sleep.",
    "{name} is supported by CAMHS for anxiety.",
]
SOCIAL_NEEDS = [
    "{name} is looked after and lives with foster carers; contact with their birth family can be unsettling.",
    "{name}'s family has an allocated social worker under a child in need plan.",
    "{name} needs support to take part in activities outside school with other young people.",
]

# (outcome, how progress is measured, preparing-for-adulthood area or "")
OUTCOMES = {
    "communication": [
        (
            "{name} will follow a three-step instruction in class without adult prompting",
            "Termly observation by the class teacher",
            "",
        ),
        (
            "{name} will ask an adult or a friend for help when they are stuck",
            "Key adult's record of unprompted requests",
            "",
        ),
    ],
    "learning": [
        ("{name} will read and understand a short book at their level", "Termly reading assessment", ""),
        (
            "{name} will add and subtract numbers to 20 using equipment",
            "Class teacher's assessment each half term",
            "",
        ),
    ],
    "semh": [
        (
            "{name} will use a calm-down plan to stay in class for whole lessons",
            "Number of lessons missed, recorded weekly",
            "",
        ),
        ("{name} will attend school for at least 90% of sessions", "Attendance figures each half term", ""),
    ],
    "physical": [
        (
            "{name} will move between lessons independently using their wheelchair",
            "Physiotherapist's review each term",
            "",
        ),
        ("{name} will record their work by typing at 15 words a minute", "Typing assessment each term", ""),
    ],
    "sensory": [
        (
            "{name} will take part in whole-class discussions using their equipment",
            "Teacher of the deaf or vision support review",
            "",
        ),
        ("{name} will use adapted materials without adult help", "Observation by the specialist teacher", ""),
    ],
}
PFA_OUTCOMES = [
    (
        "{name} will travel to college independently on the bus",
        "Travel trainer's review",
        "independent_living",
    ),
    (
        "{name} will complete a week's work experience in a job they are interested in",
        "Placement feedback and {name}'s own review",
        "employment",
    ),
    (
        "{name} will join a club or group outside school with people their own age",
        "{name}'s and the family's review",
        "community",
    ),
    ("{name} will manage their own medical appointments with support", "School nurse review", "health"),
]

# (what, role, qualification, times, period, minutes, group size)
PROVISION = {
    "communication": [
        (
            "Language group working on understanding instructions",
            "Teaching assistant",
            "trained by the speech and language therapist",
            3,
            Period.WEEK,
            20,
            4,
        ),
        (
            "Speech and language therapy: direct work on vocabulary and narrative",
            "Speech and language therapist",
            "HCPC registered",
            1,
            Period.FORTNIGHT,
            45,
            1,
        ),
        (
            "Visual timetable and now-and-next board, checked with a key adult",
            "Key adult",
            "trained in autism awareness",
            2,
            Period.DAY,
            5,
            1,
        ),
    ],
    "learning": [
        (
            "Precision teaching of sight words",
            "Teaching assistant",
            "trained in precision teaching by the educational psychologist",
            4,
            Period.WEEK,
            15,
            1,
        ),
        (
            "Structured phonics programme in a small group",
            "Teacher",
            "qualified teacher with phonics training",
            5,
            Period.WEEK,
            30,
            4,
        ),
        (
            "Maths intervention using concrete equipment",
            "Teaching assistant",
            "trained in Numicon",
            3,
            Period.WEEK,
            30,
            3,
        ),
    ],
    "semh": [
        (
            "Check-in with a named key adult at the start and end of each day",
            "Key adult",
            "trained in emotion coaching",
            2,
            Period.DAY,
            10,
            1,
        ),
        (
            "Emotional literacy support sessions",
            "ELSA",
            "trained by the educational psychology service",
            1,
            Period.WEEK,
            30,
            1,
        ),
        (
            "Small-group social skills programme",
            "Learning mentor",
            "trained in the Socially Speaking programme",
            1,
            Period.WEEK,
            45,
            6,
        ),
    ],
    "physical": [
        (
            "Occupational therapy programme for fine motor skills, delivered in class",
            "Teaching assistant",
            "trained by the occupational therapist",
            3,
            Period.WEEK,
            15,
            1,
        ),
        (
            "Physiotherapy programme in PE lessons",
            "Physiotherapist",
            "HCPC registered",
            1,
            Period.MONTH,
            45,
            1,
        ),
        (
            "Touch-typing programme",
            "Teaching assistant",
            "trained in the school's typing programme",
            3,
            Period.WEEK,
            20,
            1,
        ),
    ],
    "sensory": [
        (
            "Pre-teaching of vocabulary before new topics",
            "Teacher of the deaf",
            "mandatory qualification for teachers of the deaf",
            1,
            Period.WEEK,
            30,
            1,
        ),
        (
            "Adapted large-print and electronic materials for every lesson",
            "Specialist teaching assistant",
            "trained by the vision support service",
            5,
            Period.WEEK,
            60,
            1,
        ),
        (
            "Mobility and independence training",
            "Habilitation specialist",
            "qualified habilitation specialist",
            1,
            Period.FORTNIGHT,
            60,
            1,
        ),
    ],
}
PFA_PROVISION = [
    (
        "Careers guidance to plan work experience and next steps",
        "Careers adviser",
        "Level 6 qualified in careers guidance",
        1,
        Period.TERM,
        45,
        1,
    ),
    (
        "Travel training from home to college",
        "Travel trainer",
        "trained independent travel trainer",
        2,
        Period.WEEK,
        60,
        1,
    ),
]
HEALTH_PROVISION = [
    (
        "Review of the individual health care plan and training for staff on rescue medication",
        "Epilepsy specialist nurse",
        "NMC registered",
        1,
        Period.YEAR,
        60,
        1,
    ),
    (
        "Review by the community paediatrician",
        "Community paediatrician",
        "GMC registered",
        2,
        Period.YEAR,
        30,
        1,
    ),
    (
        "CAMHS sessions for anxiety",
        "CAMHS practitioner",
        "qualified mental health practitioner",
        1,
        Period.FORTNIGHT,
        50,
        1,
    ),
]
SOCIAL_PROVISION = [
    (
        "Short breaks at Oak House",
        "Residential care worker",
        "Level 3 diploma in residential childcare",
        2,
        Period.MONTH,
        24 * 60,
        4,
    ),
    (
        "Personal assistant for after-school activities",
        "Personal assistant",
        "trained by the short breaks team",
        1,
        Period.WEEK,
        180,
        1,
    ),
]

# Weak wording, as the audits found it.
VAGUE_PROVISION = [
    "Access to a quiet space when needed",
    "Regular check-ins with a key adult",
    "Adult support as required",
    "Opportunities for social interaction",
    "Up to 10 hours of teaching assistant support",
]
KENT_EXAMPLE = "Weekly session of small group activities for 10 weeks"
THERAPY_IN_G = (
    "Speech and language therapy to develop expressive language",
    "Speech and language therapist",
    "HCPC registered",
    1,
    Period.WEEK,
    30,
    1,
)
HEALTH_IN_F = (
    "Support with medication at lunchtime",
    "Teaching assistant",
    "trained by the school nurse",
    1,
    Period.DAY,
    10,
    1,
)
SOCIAL_IN_F = (
    "Short breaks one weekend a month",
    "Residential care worker",
    "Level 3 diploma",
    1,
    Period.MONTH,
    24 * 60,
    4,
)

STORIES = [
    "I was born in Northbridge. I went to nursery near my nan's house and then started at my school.",
    "We moved to Northbridge when I was five. I have a brother and a dog called Biscuit.",
    "I have been at my school since Reception. Year 3 was hard because we changed teacher a lot.",
]
ADVICE_TITLES = [
    ("Educational psychology advice", "Northbridge Educational Psychology Service"),
    ("Advice from the school", "The school's SENCO"),
    ("Speech and language therapy advice", "Northbridge Community Health NHS Trust"),
    ("Medical advice", "Community paediatrics"),
    ("Social care advice", "Northbridge Children's Social Care"),
]
COMMENTS = [
    ("B", "Please add that she finds the dinner hall very noisy."),
    ("F", "We would like the speech and language therapy to be weekly, not fortnightly."),
    ("A", "He would like his drawing of a train included."),
    ("E", "Can the outcomes say more about making friends?"),
]
ANSWERS = [
    "Thank you. We have added this to the final plan.",
    "We have spoken to the therapist, who agrees. The final plan says weekly.",
    "Thank you, we have changed the outcome.",
]
