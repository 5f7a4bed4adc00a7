"""The default audit tool a council can start from: a question for each section of an EHC plan
(SEND Regulations 2014 reg. 12, sections A to K), each graded on a four-point scale with what each
grade looks like. The descriptors follow the SEND Code of Practice 2015 paras 9.61-9.69 (what a
plan must contain and how provision is specified), the LGA audit of 20 plans (seed 001) and the
weaknesses in the Kent inspection letter (seed 004). A council changes any of it, which makes a
new version of its tool."""

DEFAULT_NAME = "EHC plan quality audit"

DEFAULT_SCALE = [
    {
        "code": "outstanding",
        "label": "Outstanding",
        "descriptor": "Exemplary: the child is at the centre throughout and others could learn from it.",
        "acceptable": True,
    },
    {
        "code": "good",
        "label": "Good",
        "descriptor": "Meets the Code of Practice in full: specific, current and coherent.",
        "acceptable": True,
    },
    {
        "code": "requires_improvement",
        "label": "Requires improvement",
        "descriptor": "Meets the law but is vague, out of date or not joined up in places.",
        "acceptable": False,
    },
    {
        "code": "inadequate",
        "label": "Inadequate",
        "descriptor": "Missing, unlawful or unusable: the child's needs are not met by what is written.",
        "acceptable": False,
    },
]

# (section, agency, question, (outstanding, good, requires improvement, inadequate))
DEFAULT_QUESTIONS = [
    (
        "A",
        "education",
        "Does section A give the child's and family's views, interests and aspirations in their own words?",
        (
            "The child's voice is vivid and in their own words, with how it was gathered; it shapes the whole plan.",
            "The child's and family's views and aspirations are clear, recent and say how they were gathered.",
            "Views are present but generic, second-hand or out of date.",
            "Section A is blank or written about the child, not from them.",
        ),
    ),
    (
        "B",
        "education",
        "Does section B describe every special educational need, specifically, from the advice?",
        (
            "Every need is described precisely with its impact, traced to the advice and current assessments.",
            "All needs from the advice are described specifically, with their effect on learning.",
            "Needs are listed by diagnosis or category rather than described, or some advice is left out.",
            "Needs are missing or contradict the advice.",
        ),
    ),
    (
        "C",
        "health",
        "Does section C describe the health needs related to the child's SEN, from health advice?",
        (
            "Health needs are precise, current and agreed with the health professionals who know the child.",
            "Health needs related to SEN are described from current health advice.",
            "Health needs are vague, or come from advice more than a year old.",
            "Known health needs are missing, or no health advice was sought.",
        ),
    ),
    (
        "D",
        "social_care",
        "Does section D describe the social care needs related to the child's SEN or disability?",
        (
            "Social care needs are clear, current and agreed with the family and social care.",
            "Social care needs are described, or the section says plainly that there are none and why.",
            "Social care needs are vague, or the section is left blank without saying why.",
            "A child known to social care has no social care needs described.",
        ),
    ),
    (
        "E",
        "education",
        "Are the outcomes specific, measurable and timed, with preparing for adulthood from Year 9?",
        (
            "Outcomes are SMART, ambitious, in the child's aspirations' terms, and build towards adulthood.",
            "Outcomes say what will be achieved, by when and how progress is measured.",
            "Outcomes are aims or targets without a date or measure, or do not follow from the needs.",
            "There are no outcomes, or none a child could be measured against.",
        ),
    ),
    (
        "F",
        "education",
        "Is the special educational provision detailed, specific and quantified, and linked to outcomes?",
        (
            "Every item says what, who (with expertise), how often and how long, and meets each need in B.",
            "Provision is specific and quantified, with who delivers it, and linked to the outcomes.",
            "Some provision is vague ('access to', 'regular') or does not say how much or who.",
            "Provision is missing for needs in B, or cannot be enforced as written.",
        ),
    ),
    (
        "G",
        "health",
        "Is the health provision specified, with who provides it, how often and for how long?",
        (
            "Health provision is specified in full, agreed with the integrated care board, and linked to outcomes.",
            "Health provision meets each health need in C, with who, how often and how long.",
            "Health provision is vague or not agreed, or some health needs have none.",
            "Health needs in C have no provision, or health provision is written in F only.",
        ),
    ),
    (
        "H",
        "social_care",
        "Is the social care provision in H1 and H2 specified and linked to the needs in D?",
        (
            "H1 and H2 provision is specified in full, linked to D and to the child's outcomes.",
            "Social care provision meets each need in D, with who, how often and how long.",
            "Social care provision is vague, or some needs in D have none.",
            "Needs in D have no provision, or a child known to social care has no section H.",
        ),
    ),
    (
        "I",
        "education",
        "Does section I name the school or other institution, or its type, as the law requires?",
        (
            "The placement is named, consulted on and right for the child's needs and the family's preference.",
            "The school or type of school is named, and in a phase-transfer year named in time.",
            "The placement is named late or without the consultation the law requires.",
            "No placement is named in a final plan.",
        ),
    ),
    (
        "J",
        "education",
        "Does section J say whether a personal budget was discussed, and what it covers?",
        (
            "The personal budget's scope, arrangements and outcomes are clear and agreed with the family.",
            "The plan records whether a personal budget was requested and what it covers.",
            "A personal budget is mentioned without what it covers.",
            "There is no record that a personal budget was discussed.",
        ),
    ),
    (
        "K",
        "education",
        "Does section K list the advice and information used, each dated and current?",
        (
            "All advice is listed, dated, current and visibly used in the plan.",
            "The advice is listed and dated, and none is out of date.",
            "Advice is undated, old or reused without agreement that it is still sufficient.",
            "Advice is missing from the list or the plan was written without it.",
        ),
    ),
    (
        "overall",
        "education",
        "Overall, is this a good plan that will make a difference to the child?",
        (
            "A plan others could learn from: coherent, person-centred, and making a difference.",
            "A lawful, coherent plan that the child's setting and family can use.",
            "A lawful plan with weaknesses that could leave the child's needs unmet.",
            "A plan that does not meet the law or the child's needs.",
        ),
    ),
]

SECTION_NAMES = {
    "A": "A: views, interests and aspirations",
    "B": "B: special educational needs",
    "C": "C: health needs",
    "D": "D: social care needs",
    "E": "E: outcomes",
    "F": "F: special educational provision",
    "G": "G: health provision",
    "H": "H: social care provision",
    "I": "I: placement",
    "J": "J: personal budget",
    "K": "K: advice and information",
    "overall": "Overall",
}


def default_questions() -> list[dict]:
    codes = [grade["code"] for grade in DEFAULT_SCALE]
    return [
        {
            "section": section,
            "agency": agency,
            "text": text,
            "descriptors": dict(zip(codes, words, strict=True)),
        }
        for section, agency, text, words in DEFAULT_QUESTIONS
    ]
