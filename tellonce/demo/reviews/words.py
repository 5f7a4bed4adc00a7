"""Wording for the demo area's annual reviews: the child's and the family's views, evidence of
progress, recommendations, destinations after Year 11 and Year 13, who comes from each agency,
and the councils families move to and from (real names and codes, so exports look right)."""

CHILD_VIEWS = [
    "I like my teaching assistant. I want more time in the quiet room.",
    "I am better at reading now. I still find maths hard.",
    "I do not like assembly because it is loud.",
    "I have made a friend called Sam. I want to stay in my class.",
    "I want to go to the same school as my brother.",
    "I get worried at lunchtime. The lunch club helps.",
    "I like speech therapy because we play games.",
    "I want to learn to use the bus on my own.",
    "I would like to do work experience with animals.",
    "I want to go to college and learn to cook.",
    "I find it hard when my timetable changes without warning.",
    "Said with pictures: happy about swimming, sad about the playground.",
]
FAMILY_VIEWS = [
    "We are pleased with the progress this year and want the support to carry on.",
    "We are worried that the therapy in the plan has not happened since the spring.",
    "We would like the plan to say more about how mornings are managed.",
    "We are anxious about the move to the next school and want visits arranged early.",
    "We feel listened to at school but the plan is out of date.",
    "We want the plan to name the school we have asked for.",
    "We would like a personal budget for an after-school club to be discussed.",
    "We have not been able to get a date for the speech and language review.",
    "Our child is happier and attending every day now.",
    "We disagree with reducing the hours of support.",
]
EVIDENCE = {
    "achieved": [
        "Achieved in the spring term and kept up since.",
        "Met at the last assessment point: the class teacher's records show it.",
    ],
    "on_track": [
        "Steady progress each half term; on course for the date in the plan.",
        "Observation records show this most days now.",
    ],
    "some": [
        "Some progress, but not every week; more practice at home and school planned.",
        "Progress slowed after a long absence in the winter.",
    ],
    "none": [
        "No progress yet: the support in section F started late.",
        "The therapy this depends on has not been delivered this year.",
    ],
    "no_longer": ["No longer relevant now that the move to the new setting has happened."],
}
RECOMMENDATIONS = {
    "maintain": [
        "No changes to the plan: the provision is working.",
        "Keep the plan as it is; review the outcomes again next year.",
    ],
    "amend": [
        "Update the outcomes and increase speech and language therapy to weekly.",
        "Add a calm-down plan and key-adult time at the start of the day to section F.",
        "Name the new school in section I and update the transition support.",
        "Section B no longer describes the needs: update it with the new advice.",
        "Add travel training to the provision for preparing for adulthood.",
    ],
    "cease": [
        "The young person's needs are now met without a plan; the family and college agree.",
        "The young person has moved on and no longer wants the plan.",
    ],
}
DECISION_REASONS = {
    "maintain": "The plan still describes the needs and the provision is working.",
    "amend": "The review showed changes are needed to the outcomes and provision.",
    "cease": "The plan is no longer needed.",
}
DESTINATIONS = {
    11: [
        "Sixth form at the same school",
        "Northbridge College: Level 1 course",
        "Northbridge College: foundation learning",
        "Specialist post-16 college",
        "Apprenticeship with a local employer",
        "Not yet decided: visits arranged in the spring",
    ],
    12: ["Staying at college for a second year", "Supported internship being explored"],
    13: [
        "Supported internship with the hospital",
        "Northbridge College: Level 2 course",
        "University, with disabled students' allowance",
        "Apprenticeship",
        "Paid work with a job coach",
        "Specialist college (residential)",
        "Day opportunities with adult social care",
    ],
}
# (agency, role) for each invitation; the name is made up from the demo's name lists.
EDUCATION_ROLES = ["SENCO", "Class teacher", "Head of year", "Key worker", "Learning support tutor"]
HEALTH_ROLES = [
    "Speech and language therapist",
    "Paediatrician",
    "School nurse",
    "Occupational therapist",
    "CAMHS practitioner",
    "Physiotherapist",
]
SOCIAL_CARE_ROLES = ["Social worker", "Disabled children's team worker", "Transitions worker"]
OTHER_ROLES = ["Careers adviser", "Educational psychologist", "Independent supporter"]
OTHER_COUNCILS = [
    ("Kent County Council", "886"),
    ("Medway Council", "887"),
    ("Surrey County Council", "936"),
    ("Essex County Council", "881"),
    ("Hertfordshire County Council", "919"),
    ("Birmingham City Council", "330"),
    ("Leeds City Council", "383"),
    ("Devon County Council", "878"),
    ("Royal Borough of Kingston upon Thames", "314"),
    ("Bristol City Council", "801"),
]
