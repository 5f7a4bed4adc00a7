"""What each fixture report says, written by reading it (not by running the parser).

Lists give the opening words of every item in order, so a count, an order or a boundary that is
wrong fails; `last_ends` gives how the last item of a list ends, so a list that runs on fails.
Recommendations (areas for improvement and for priority action) are given with the body
responsible, as the report names it in its table or its sentence.
"""

KINGSTON = {
    "file": "kingston-upon-thames-2022-revisit.txt",
    "area": "The Royal Borough of Kingston upon Thames",
    "letter_date": "2022-10-26",
    "inspection_dates": {"start": "2022-10-04", "end": "2022-10-06"},
    "previous_inspection_dates": None,
    "framework": "2016",
    "kind": "revisit",
    "outcome": "sufficient_progress",
    "written_statement_required": True,
    "significant_weaknesses": [
        "Overall poor quality and monitoring of education, health and care (EHC) plans, including "
        "contributions from health professionals",
        "Poor timeliness in ensuring that the annual review process and any subsequent amendments to EHC "
        "plans are consistently made in line with the SEN code of practice",
        "Weaknesses in the strategic leadership and monitoring of the CCG's work in implementing the 2014 "
        "reforms",
        "Leaders need to ensure that there is a productive and positive relationship between parents and "
        "parent representatives, including a parent carer forum",
    ],
    "sufficient_progress": [True, True, True, True],
    "main_findings": [],
    "strengths": {"identifying": [], "meeting": [], "improving": []},
    "areas_for_development": {"identifying": [], "meeting": [], "improving": []},
    "effective": [],
    "needs_to_do_better": [],
    "areas_for_improvement": [],
    "areas_for_priority_action": [],
}

KENSINGTON = {
    "file": "kensington-and-chelsea-2022.txt",
    "area": "The Royal Borough of Kensington and Chelsea",
    "letter_date": "2022-03-08",
    "inspection_dates": {"start": "2022-02-07", "end": "2022-02-11"},
    "previous_inspection_dates": None,
    "framework": "2016",
    "kind": "initial",
    "outcome": "no_written_statement",
    "written_statement_required": False,
    "significant_weaknesses": [],
    "sufficient_progress": [],
    "main_findings": [
        "Leaders in the area have high aspirations",
        "Leaders have an accurate and honest self-evaluation",
        "Leaders implemented a new SEND strategy in 2021",
        "The role of the designated clinical officer (DCO)",
        "Leaders have robust joint commissioning arrangements",
        "The voice of children, young people and their families",
        "Most children and young people inspectors spoke with",
        "Leaders have developed and implemented a well-considered COVID-19",
        "Leaders recognise that children and young people wait too long",
        "Professionals from different agencies work closely",
        "The parent carer forum (Full of Life)",
    ],
    "strengths": {
        "identifying": [
            "Collaborative working is a key strength",
            "Early identification is managed effectively",
            "There is a wide range of effective support for children under five",
            "Children and young people with SEND arriving from another country",
            "Health professionals offer good training programmes",
            "Special educational needs coordinators (SENCOs) are well supported",
            "During COVID-19, professionals have been creative",
        ],
        "meeting": [
            "Leaders have improved the quality of EHC plans over time",
            "The SEND panel includes a broad range of professionals",
            "Inspectors learned of a number of universal and targeted training",
            "Children and young people have access to support for their anxiety",
            "Children and young people who have neurodisability",
            "SEND transport services are held in very high regard",
            "The short breaks offer has been redesigned",
            "The school nursing team works collaboratively",
            "Children's centres provided an immediate and thoughtful response",
            "Children and young people with SEND who are admitted to inpatient",
            "Children and young people with complex physical and medical needs",
            "The SEND information and advice support service is well established",
        ],
        "improving": [
            "Children and young people with SEND across education settings achieve very well",
            "Professionals in the area have developed creative ways",
            "Professionals across all settings and agencies work in an extremely collaborative way",
            "Transition at key points in education is consistently well managed",
            "Young people with SEND are prepared well for adulthood",
            "The supported internship programme",
        ],
    },
    "areas_for_development": {
        "identifying": ["Children and young people wait too long for a diagnosis of autism"],
        "meeting": [
            "Children and young people with SEND are waiting too long for speech",
            "In some cases, children and young people with SEND who use wheelchair services",
        ],
        "improving": ["As children and young people wait to receive speech and language"],
    },
    "last_ends": {
        "strengths.meeting": "they receive helpful advice and guidance.",
        "areas_for_development.improving": "opportunities to achieve their therapy outcomes.",
        "main_findings": "to administer emergency medication to children and young people.",
    },
    "effective": [],
    "needs_to_do_better": [],
    "areas_for_improvement": [],
    "areas_for_priority_action": [],
}

KENT = {
    "file": "kent-2019.txt",
    "area": "Kent",
    "letter_date": "2019-03-22",
    "inspection_dates": {"start": "2019-01-28", "end": "2019-02-01"},
    "previous_inspection_dates": None,
    "framework": "2016",
    "kind": "initial",
    "outcome": "written_statement_required",
    "written_statement_required": True,
    "significant_weaknesses": [
        "The widely held concern of parents that the local area is not able, or in some cases not willing, "
        "to meet their children's needs",
        "The variable quality of provision and commitment to inclusion in schools, and the lack of "
        "willingness of some schools to accommodate children and young people with SEND",
        "The limited role parents and carers have in reviewing and designing services for children and "
        "young people with SEND",
        "The inability of current joint commissioning arrangements to address known gaps and eliminate "
        "longstanding weaknesses in the services for children and young people with SEND",
        "The poor standards achieved, and progress made, by too many children and young people with SEND",
        "The inconsistent quality of the EHC process; the lack of up-to-date assessments and limited "
        "contributions from health and care professionals; the poor processes to check and review the "
        "quality of EHC plans",
        "The governance of SEND arrangements across the EHC system at strategic and operational level and "
        "absence of robust action plans to address known weaknesses",
        "The unacceptable waiting times for children and young people to be seen by some health services, "
        "particularly CAMHS, tier two services, SALT, the wheelchair service, and ASD and ADHD assessment "
        "and reviews",
        "The lack of effective systems to review and improve outcomes for those children and young people "
        "whose progress to date has been limited by weaknesses in provision",
    ],
    "sufficient_progress": [],
    "main_findings": [
        "Too many children and young people with SEND do not get the support they need in Kent",
        "Parents and carers who contributed to the inspection are overwhelmingly negative",
        "The local area does not ensure that parents understand the systems",
        "Not all schools and settings are willing to accommodate",
        "Leaders have not yet successfully prioritised",
        "Parents and carers have not been sufficiently involved",
        "Health leaders have not been consistent in their membership of the 0-25 health and wellbeing board",
        "Joint commissioning arrangements are underdeveloped",
        "Too many children have weak EHC plans",
        "Children and young people with SEND experience unacceptable inequality",
        "Educational outcomes for children and young people with SEND are not good enough",
        "The number of permanent exclusions for all children",
    ],
    "strengths": {
        "identifying": [
            "The health visitor service is meeting its targets",
            "Education and health staff worked together",
            "Children with complex needs identified before they are three",
            "Regular inclusion meetings, known locally as LIFT",
            "The identification of children with developmental language disorders",
            "The local authority has increased its investment",
        ],
        "meeting": [
            "Many children and young people with additional needs said",
            "Although the support available for children and young people who have SEMH difficulties",
            "The augmentative and alternative communication (AAC) team",
            "Some parents receive useful guidance from the early help service",
            "The parents and carers of young children value the portage service",
        ],
        "improving": [
            "Outcomes for looked-after children with SEND",
            "A higher proportion of young people with SEND go on",
            "At an individual level, speech and language therapists",
            "Some children with complex needs benefit from coordinated transition",
            "Services for disabled children and young people have developed new ways",
        ],
    },
    "areas_for_development": {
        "identifying": [
            "Maternity services do not consistently ensure",
            "A significant number of children with ASD",
            "Health staff use different ways to inform the local authority",
            "Progress against the joint health check",
            "General practitioners (GPs) are not carrying out",
            "Although LIFT meetings have the capacity",
            "The uptake of universal health checks",
            "Children with SEND are not easily identifiable in health records",
            "Most parents are unaware of the local offer",
        ],
        "meeting": [
            "The arrangements for providing support for children and young people are too complicated",
            "Local area leaders are aware that they need to address inequity",
            "Leaders in Kent have not ensured that they commission",
            "Children on medication to manage attention deficit",
            "Health services are not consistent in their approaches",
            "Children and young people experience unacceptable delays",
            "Local area leaders do not ensure that different assessment",
            "Links between GPs and health visitors",
            "Joint commissioning arrangements have not ensured",
            "The quality of EHC plans is too variable",
            "Too many professionals in the local area do not understand",
            "The annual review process for EHC plans is weak",
            "Co-production with children, young people, parents and carers",
            "The care needs of children and young people and their families",
        ],
        "improving": [
            "Overall, academic outcomes for children and young people with SEND are too mixed",
            "Outcomes for children and young people with SEND are limited",
            "Local area leaders involved in the 0–25 health and wellbeing board",
            "Joint commissioning arrangements for children and young people with SEND are weak",
            "Rates of persistent absence",
            "Transition does not start early enough",
            "The clinical commissioning groups do not have effective oversight",
            "Health services are aware of the need to improve",
        ],
    },
    "last_ends": {
        "areas_for_development.improving": "has not yielded an effective response to the reforms.",
        "areas_for_development.identifying": "where to gain independent advice and guidance.",
        "main_findings": "have access to the education they are entitled to.",
    },
    "effective": [],
    "needs_to_do_better": [],
    "areas_for_improvement": [],
    "areas_for_priority_action": [],
}


def _new(name, area, dates, previous, outcome, effective, better, improvement, priority=(), last_ends=None):
    return {
        "file": f"{name}-2023-framework.pdf",
        "area": area,
        "letter_date": None,
        "inspection_dates": dates,
        "previous_inspection_dates": previous,
        "framework": "2023",
        "kind": "full",
        "outcome": outcome,
        "written_statement_required": None,
        "significant_weaknesses": [],
        "sufficient_progress": [],
        "main_findings": [],
        "strengths": {"identifying": [], "meeting": [], "improving": []},
        "areas_for_development": {"identifying": [], "meeting": [], "improving": []},
        "effective": effective,
        "needs_to_do_better": better,
        "areas_for_improvement": improvement,
        "areas_for_priority_action": list(priority),
        "last_ends": last_ends or {},
    }


DORSET = _new(
    "dorset",
    "Dorset",
    {"start": "2024-03-11", "end": "2024-03-15"},
    {"start": "2017-01-23", "end": "2017-01-27"},
    "positive",
    [
        "Leaders in Dorset are ambitious",
        "The established culture of collaborative working",
        "The timeliness and quality of education, health and care (EHC) plans is improving",
        "Children’s transition into school is a strength",
        "The dynamic support register (DSR) is in development",
        "The Special Educational Needs and Disabilities Information and Advice Support Service",
        "There is support in place for children and young people and their families when they are waiting",
        "Typically, children and young people who receive direct payments",
        "Many children and young people receive an effective service from speech and language therapists",
        "Children and families benefit from comprehensive delivery of the healthy child programme",
        "Children and young people can access early support for emotional health",
        "Positive investment in housing",
        "There is strong oversight of children and young people in care",
        "Training and development across the partnership are highly effective",
        "To further improve the offer for children and young people with SEND",
    ],
    [
        "There remains work to do to ensure timely and effective reviews",
        "Academic outcomes for children and young people",
        "The local area partnership has a wealth of data",
        "There is a recognised need to increase the availability of overnight short breaks",
        "Waiting times for neurodevelopmental assessment",
        "There remain some weaknesses in the partnership’s monitoring",
        "There are some challenges about the efficiency in referral processes",
        "The partnership is working towards establishing a more formal DSR",
    ],
    [
        (
            "Leaders across education, health and social care should strengthen their use of the robust "
            "qualitative and quantitative information they hold. This will enable them to continually analyse "
            "and evaluate the impact of their, often innovative, work to improve the outcomes for children and "
            "young people with SEND.",
            "Leaders across education, health and social care",
        ),
        (
            "Leaders across the partnership should ensure that their quality assurance and annual review "
            "processes, particularly in relation to preparation for adulthood, are as robust, precise and of "
            "the same high-quality as seen in the more recent education, health and care plans.",
            "Leaders across the partnership",
        ),
    ],
    last_ends={
        "effective": "in order to drive forward necessary changes.",
        "needs_to_do_better": "in line with to NHS England guidelines.",
    },
)

GATESHEAD = _new(
    "gateshead",
    "Gateshead",
    {"start": "2023-05-22", "end": "2023-05-26"},
    {"start": "2017-02-06", "end": "2017-02-10"},
    "inconsistent",
    [
        "Leaders across Gateshead have a determination",
        "Leaders mitigate the delays",
        "Leaders ensure that children and young people who live in residential settings",
        "Leaders on the FAP listen",
        "The parent carer forum actively contributes",
        "The SEND involvement worker and SEND youth ambassador",
        "Leaders of the virtual school provide effective support",
        "Leaders across the partnership have a combined strategy for workforce development",
        "Coordinated multi-agency working",
        "The dynamic support register is well established",
        "The specialist speech and language therapy team",
        "Leaders ensure that the administration of EHC plan assessments is timely",
    ],
    [
        "Parents and carers express concerns",
        "Leaders across the partnership do not plan strategically well",
        "In addition, some parents and carers find communication",
        "Contributions to EHC plans from different partners are variable",
        "Some social work assessments of children in need",
        "A small number of children and young people with SEND who are eligible",
        "The 18 to 25 offer in health is at times inconsistent",
        "Too many children and young people wait longer than they should",
        "Parents, carers and professionals across the partnership do not clearly understand",
    ],
    [
        (
            "Leaders in health should ensure that plans to target the reduction in waiting times for services "
            "clearly identify the support that children and young people and their families will receive "
            "while waiting. These plans should contain ambitious timescales for improvement and clear "
            "monitoring and evaluation procedures.",
            "Leaders in health",
        ),
        (
            "Leaders in health should ensure there is clear oversight of children and young people as they "
            "move through the emotional well-being and mental health support systems in the area. Leaders "
            "should provide clear and consistent information to children and young people, families and "
            "professionals on the pathway.",
            "Leaders in health",
        ),
        (
            "Strategic leaders across education, health and care should ensure that they provide clarity and "
            "consistency of expectations on the level of contribution from all agencies to continue to "
            "improve the quality of the EHC assessment and review process.",
            "Strategic leaders across education, health and care",
        ),
        (
            "Strategic leaders should continue to improve the transitions from child to adult services in "
            "health, education and care. They should ensure that the strategy for preparation for adulthood "
            "starts from the earliest years, particularly for children with complex needs.",
            "Strategic leaders",
        ),
        (
            "Leaders within the SEND service should improve communication between health, education, care and "
            "parents and carers to improve the experiences for children and young people with SEND and their "
            "families. They should further develop the role of the SEND caseworkers to strengthen "
            "communication. This should include tailored communication for parents and carers new to the "
            "country or who speak English as an additional language.",
            "Leaders within the SEND service",
        ),
    ],
    last_ends={
        "effective": "However, the quality of these plans is variable.",
        "needs_to_do_better": "on children and young people with SEND.",
    },
)

LEWISHAM = _new(
    "lewisham",
    "Lewisham",
    {"start": "2024-09-23", "end": "2024-09-27"},
    {"start": "2017-10-02", "end": "2017-10-06"},
    "inconsistent",
    [
        "There is a shared ambition, identity and culture",
        "Leaders are reflective",
        "Joint commissioning is well embedded in Lewisham",
        "There is lots of positive work going on",
        "Early years advisers work well with nurseries",
        "The SEND advisory service, educational psychology team",
        "Children and families benefit from the responsive delivery",
        "The joint health initial multi-disciplinary assessment clinic",
        "The dynamic support register (DSR) has well-established processes",
        "Children with low risk emotional and mental ill health needs",
        "Most children who are receiving a service from children’s social care",
        "Family practitioners complete timely early help assessments",
        "Children who meet the short breaks eligibility criteria",
        "For children and young people with complex health needs",
    ],
    [
        "There is recognition from the local area partnership",
        "Primary health care are not visible partners",
        "Arrangements to update records for children with a previous diagnosis",
        "Many young people attend settings out of borough",
        "Although there is a wide offer to support children and young people with neurodiverse needs",
        "The early notification pathway is in the early stages",
        "Some young people receive their EHC plan too late",
        "The local area’s approach to the quality assurance of EHC plans",
        "Some children and young people with SEND said that schools do not understand",
        "On occasion, secondary school-aged children",
    ],
    [
        (
            "Leaders across the partnership need to strengthen the support for young people in preparing for "
            "adulthood. They should focus on:\n"
            "- ensuring that a broad offer for education, employment and training is available locally; and\n"
            "- ensuring that all those young people with a previous diagnosis of global developmental delay "
            "are correctly identified and added to learning disability registers.",
            "Leaders across the partnership",
        ),
        (
            "Leaders across education, health and social care should ensure that a multi-agency quality "
            "assurance framework is in place for existing and amended EHC plans. This includes:\n"
            "- improving the quality and timeliness of input into plans from health and children’s social care "
            "professionals;\n"
            "- ensuring that outcomes, including those related to PfA, prepare children and young people well "
            "for their next stage in education; and\n"
            "- ensuring that EHC plans are routinely updated at key transitions and when there have been "
            "significant changes.",
            "Leaders across education, health and social care",
        ),
        (
            "Health leaders should ensure that waiting times for specialist mental health pathways and "
            "neurodevelopmental assessments are reduced and that children and young people, and their "
            "families, consistently receive effective communication and support while waiting.",
            "Health leaders",
        ),
    ],
    last_ends={
        "effective": "when they move to adult services.",
        "needs_to_do_better": "because their needs were identified too late.",
    },
)

OLDHAM = _new(
    "oldham",
    "Oldham",
    {"start": "2023-06-26", "end": "2023-06-30"},
    {"start": "2017-10-02", "end": "2017-10-06"},
    "widespread_failings",
    [
        "Local partnership leaders and parents and carers have co-produced",
        "The local area partnership works actively with Oldham PCF",
        "The children with disabilities and early help teams",
        "Children with social, emotional and mental health needs benefit",
        "The local area partnership commissions appropriate AP placements",
        "Children and young people with SEND who are looked after",
        "Since the revisit in November 2019",
    ],
    [
        "Local partnership leaders do not work together effectively",
        "Poor partnership working has been further compounded",
        "The focus on commissioning services for children",
        "Local area partners do not have a strong enough strategic oversight",
        "Leaders across the partnership have not demonstrated a strong enough response",
        "Leaders across the local area partnership have not given sufficient thought",
        "Despite improvements, there remains too much variability",
        "The contribution of some professionals to the EHC needs assessment process is poor",
    ],
    [
        (
            "Leaders across the partnership should improve transitions between children’s and adults’ "
            "services in health, education and social care, and improve their strategy in relation to "
            "preparing children and young people with SEND for adulthood from the earliest years.",
            "Leaders across the partnership",
        ),
        (
            "Leaders across the partnership should embed and improve processes for the quality assurance of "
            "EHC plans and use this to further improve the quality and timeliness of outcomes and provision "
            "in new and existing EHC plans.",
            "Leaders across the partnership",
        ),
        (
            "Leaders across the partnership should improve annual review processes so that the finalised "
            "review documentation is completed and returned in a timely manner.",
            "Leaders across the partnership",
        ),
    ],
    priority=[
        (
            "Leaders at Oldham Metropolitan Borough Council and NHS Greater Manchester ICB should cooperate to "
            "urgently improve the shared strategic governance, oversight, support, challenge and planning to "
            "deliver effective strategies to meet the needs of children and young people with SEND in Oldham.",
            "Oldham Metropolitan Borough Council and NHS Greater Manchester ICB",
        ),
        (
            "Leaders at Oldham Metropolitan Borough Council and NHS Greater Manchester ICB, including "
            "commissioners and providers, should act urgently to identify and address the delays and gaps in "
            "service provision to meet the full range of needs of children and young people with SEND, aged 0 "
            "to 25, in Oldham. This includes speech and language provision, neurodevelopmental pathways and "
            "community paediatrics.",
            "NHS Greater Manchester ICB and Oldham Metropolitan Borough Council",
        ),
    ],
    last_ends={
        "effective": "wishes and feelings be visible and valued.",
        "needs_to_do_better": "young people’s attendance at school.",
    },
)

RICHMOND = _new(
    "richmond-upon-thames",
    "Richmond upon Thames",
    {"start": "2023-10-02", "end": "2023-10-06"},
    {"start": "2021-06-14", "end": "2021-06-18"},
    "positive",
    [
        "Since the last inspection, leaders have made substantial improvements",
        "Leaders gather information to inform their understanding",
        "Leaders of the ICB have good oversight",
        "Leaders have greatly improved the engagement and participation",
        "Early help practitioners work very well with families",
        "Therapists provide timely assessments and innovative approaches",
        "Children and young people with SEND who experience mental health issues",
        "Young people with SEND who are in young offenders’ institutions or prisons",
        "Leaders have close oversight of the progress",
        "Most young people are prepared well for adulthood",
    ],
    [
        "Expectant parents do not consistently receive an antenatal contact",
        "Some children and young people with possible autism",
        "Children and young people’s EHC plans are not consistently updated",
        "Some children and young people with SEND wait a long time for essential specialist equipment",
        "Sometimes, parents and carers are not invited to share their views",
    ],
    [
        (
            "Leaders at NHS South West London ICB should ensure that there are robust oversight and "
            "improvement plans to reduce the lengthy waits for children and young people waiting for an "
            "autism or attention deficit hyperactivity disorder diagnosis.",
            "Leaders at NHS South West London ICB",
        ),
        (
            "Leaders in the local partnership should ensure that all expectant parents are able to access an "
            "antenatal contact from a health visitor. This is a mandated contact and part of the healthy "
            "child programme.",
            "Leaders in the local partnership",
        ),
        (
            "The local area partnership should improve the quality of information in EHC plans so they "
            "reflect the current needs and outcomes for children and young people with SEND.",
            "The local area partnership",
        ),
    ],
    last_ends={"needs_to_do_better": "experiences are not taken into account."},
)

SURREY = _new(
    "surrey",
    "Surrey",
    {"start": "2023-09-25", "end": "2023-09-29"},
    {"start": "2019-03-18", "end": "2019-03-21"},
    "inconsistent",
    [
        "There is ambition for children and young people with SEND in Surrey",
        "Joint commissioning is improving",
        "Across education, health and care, practitioners work increasingly well together",
        "The Transitions team has well-understood referral pathways",
        "Where families have built trusted relationships with professionals",
        "Early years settings value the support",
        "The Youth Justice Service works closely with partners",
        "The Children with Disabilities team ensures",
        "Practitioners use Early Help",
    ],
    [
        "There is a wide range of projects and interventions",
        "Leaders use many small-scale individual service evaluations",
        "Many parents and carers gave powerful examples",
        "Similarly, some professionals particularly in social care",
        "The timeliness of EHC needs assessment remains poor",
        "There is also poor completion of annual reviews",
        "Support for children and young people’s transitions",
        "Although leaders are in the process of evaluating and improving the alternative provision offer",
        "Recent projects, particularly in health, are not yet showing the impact",
    ],
    [
        (
            "The partnership board should further develop their strategic evaluation of all partnership "
            "projects and interventions in order to improve their ability to monitor at a systemic level the "
            "impact of these projects and interventions and their outcomes on children and young people.",
            "The partnership board",
        ),
        (
            "Leaders across the partnership should improve communications from SEN case officers and "
            "practitioners to parents and carers so that all stakeholders are supported to understand the "
            "system and decision-making, and feel fully involved in the journey with their child or young "
            "person.",
            "Leaders across the partnership",
        ),
        (
            "Leaders across health, social care and education should ensure that improvements continue in "
            "line with their recovery plan in respect of:\n"
            "- reducing waiting times for health assessments;\n"
            "- increasing timeliness and quality of needs assessments; and\n"
            "- increasing timeliness and quality of EHCPs and annual reviews.",
            "Leaders across health, social care and education",
        ),
        (
            "Leaders in education should continue to review the breadth and offer of alternative provision in "
            "order to inform commissioning so that alternative provision meets children and young people’s "
            "needs and improves their outcomes.",
            "Leaders in education",
        ),
    ],
    last_ends={"needs_to_do_better": "leading to longer waits."},
)

TEXT_LETTERS = [KINGSTON, KENSINGTON, KENT]
PDF_REPORTS = [DORSET, GATESHEAD, LEWISHAM, OLDHAM, RICHMOND, SURREY]
