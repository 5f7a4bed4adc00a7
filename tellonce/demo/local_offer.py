"""The demo area's Local Offer: about 600 services across every content area and locality, from
the council, the NHS trusts, schools and colleges, and voluntary groups; postcode district centres
for the demo's NB postcodes; some listings overdue a check, some changes waiting for approval,
reports, comments with published answers and searches that found nothing; and sign-ins for the
Local Offer manager and a provider. Uses its own random generator (seed * 1000 + 200)."""

import random
from datetime import timedelta

from django.utils import timezone

from tellonce.accounts.roles import Role
from tellonce.accounts.services import create_account
from tellonce.demo.steps import DemoArea, Progress, demo_step, seeded_uuid
from tellonce.feedback.models import FeedbackItem, Publication, Route
from tellonce.local_offer.models import (
    IndexState,
    ListingReport,
    Location,
    PostcodeDistrict,
    Provider,
    Service,
    ServiceAtLocation,
    ServiceVersion,
    TaxonomyTerm,
    UnmatchedSearch,
)
from tellonce.local_offer.services import NULLABLE, SCALARS

# (name, code of the kind of service, needs, ages, cost, families refer themselves, who else refers,
#  online referral, one per locality, description)
NATIONAL = [
    (
        "Emotional Health Service",
        "health-mental-health-and-emotional-wellbeing",
        ["semh-anxiety-and-low-mood"],
        (5, 18),
        "free",
        True,
        "GPs, schools and school nurses",
        True,
        False,
        "Early help for children and young people with worries, anxiety or low mood: one-to-one sessions, groups "
        "and support for parents, in school or at our centres. We provide Tier 2 CAMHS support in Northbridge.",
    ),
    (
        "Child and adolescent mental health service",
        "health-mental-health-and-emotional-wellbeing",
        ["semh"],
        (0, 18),
        "free",
        False,
        "GP, paediatrician, or the Emotional Health Service",
        False,
        False,
        "Specialist assessment and treatment for children and young people with severe or complex mental health needs.",
    ),
    (
        "Children's speech and language therapy",
        "health-therapies",
        ["communication-speech-language-and-communication"],
        (0, 19),
        "free",
        True,
        "Health visitors, GPs, nursery and school SENCOs",
        True,
        False,
        "Assessment and therapy for children who find it hard to talk, understand, or eat and drink safely. Drop-in "
        "advice sessions for parents of under fives.",
    ),
    (
        "Children's occupational therapy",
        "health-therapies",
        ["sensory-physical-physical-disability"],
        (0, 19),
        "free",
        False,
        "GP, paediatrician, school SENCO",
        True,
        False,
        "Help with everyday activities such as dressing, handwriting and play, equipment at home and school, and advice "
        "on sensory needs.",
    ),
    (
        "Children's physiotherapy",
        "health-therapies",
        ["sensory-physical-physical-disability"],
        (0, 19),
        "free",
        False,
        "GP, paediatrician, health visitor",
        False,
        False,
        "Assessment and treatment for children with difficulties with movement, balance and posture.",
    ),
    (
        "Community paediatrics and the child development centre",
        "health-diagnosis-and-community-paediatrics",
        ["communication-autism", "semh-adhd"],
        (0, 18),
        "free",
        False,
        "GP, health visitor, school",
        False,
        False,
        "Assessment of children's development, including the neurodevelopmental pathway for autism and ADHD.",
    ),
    (
        "Bladder and bowel service",
        "health-nursing-and-continence",
        ["medical"],
        (4, 19),
        "free",
        True,
        "GP, school nurse",
        False,
        False,
        "Support for children with wetting, soiling and toilet training.",
    ),
    (
        "Sensory support service",
        "health-hearing-and-vision",
        ["sensory-physical-hearing-impairment", "sensory-physical-visual-impairment"],
        (0, 25),
        "free",
        True,
        "Audiology, eye clinic, school",
        False,
        False,
        "Qualified teachers of the deaf and of children with vision impairment supporting children at home and school.",
    ),
    (
        "Northbridge SENDIASS",
        "advice-independent-advice",
        [],
        (0, 25),
        "free",
        True,
        "",
        False,
        False,
        "Free, impartial and confidential information, advice and support about SEND for children, young people and "
        "parents, including help with EHC needs assessments, plans, annual reviews and appeals.",
    ),
    (
        "Northbridge Parent Carer Forum",
        "advice-parent-carer-forum-and-support-groups",
        [],
        (0, 25),
        "free",
        True,
        "",
        False,
        False,
        "Parents and carers working with the council and the NHS to improve services. Join for free.",
    ),
    (
        "Requesting an EHC needs assessment",
        "education-sen-support-and-ehc-plans",
        [],
        (0, 25),
        "free",
        True,
        "Schools, colleges, health and care professionals",
        False,
        False,
        "How to ask the council for an education, health and care needs assessment, what happens and how long it takes.",
    ),
    (
        "Educational psychology service",
        "education-support-for-learning",
        ["cognition"],
        (0, 25),
        "free",
        False,
        "School or setting SENCO",
        False,
        False,
        "Educational psychologists working with schools, families and the council.",
    ),
    (
        "Home to school transport",
        "travel-school-and-college-transport",
        [],
        (4, 25),
        "free",
        True,
        "",
        True,
        False,
        "Help getting to school or college for children and young people who cannot walk there because of their SEND.",
    ),
    (
        "Independent travel training",
        "travel-travel-training",
        ["cognition-learning-disability"],
        (11, 25),
        "free",
        True,
        "School or college",
        True,
        False,
        "One-to-one training to travel safely on buses and trains.",
    ),
    (
        "Short breaks: overnight and day care",
        "social-care-short-breaks",
        ["cognition-profound-and-multiple-learning-difficulties", "communication-autism"],
        (0, 18),
        "some",
        False,
        "The disabled children's team after an assessment",
        False,
        False,
        "Overnight stays and day care that give disabled children new experiences and parents and carers a break.",
    ),
    (
        "Disabled children's team",
        "social-care-disabled-childrens-team",
        [],
        (0, 18),
        "free",
        True,
        "Any professional",
        True,
        False,
        "Social work assessment and support for disabled children and their families.",
    ),
    (
        "Direct payments for families",
        "social-care-direct-payments",
        [],
        (0, 25),
        "free",
        False,
        "The disabled children's team",
        False,
        False,
        "Money from the council so families can arrange their own support.",
    ),
    (
        "Supported internships at Northbridge College",
        "training-supported-internships",
        ["cognition-learning-disability"],
        (16, 24),
        "free",
        True,
        "School, college or EHC coordinator",
        True,
        False,
        "A year of work experience with a job coach for young people with an EHC plan.",
    ),
    (
        "Preparing for adulthood team",
        "adulthood-moving-to-adult-services",
        [],
        (14, 25),
        "free",
        True,
        "",
        False,
        False,
        "Help with the move to adult life: work, housing, friendships and adult health and care services.",
    ),
    (
        "SEND mediation service",
        "complaints-mediation-and-disagreement-resolution",
        [],
        (0, 25),
        "free",
        True,
        "",
        False,
        False,
        "Independent mediation before an appeal to the SEND Tribunal, and disagreement resolution.",
    ),
    (
        "Appealing to the SEND Tribunal",
        "complaints-appeals-to-the-send-tribunal",
        [],
        (0, 25),
        "free",
        True,
        "",
        False,
        False,
        "How to appeal a decision about an EHC needs assessment or plan to the First-tier Tribunal.",
    ),
    (
        "Complaints about SEND services",
        "complaints-complaints",
        [],
        (0, 25),
        "free",
        True,
        "",
        False,
        False,
        "How to complain to the council, a school or the NHS, and the Local Government and Social Care Ombudsman.",
    ),
    (
        "Portage home visiting",
        "education-early-years",
        ["cognition"],
        (0, 5),
        "free",
        True,
        "Health visitor, GP, paediatrician",
        True,
        False,
        "Home visits to help young children with SEND learn through play.",
    ),
]
PER_LOCALITY = [
    (
        "{place} Autism Parent Support Group",
        "advice-parent-carer-forum-and-support-groups",
        ["communication-autism"],
        (0, 25),
        "free",
        "A monthly coffee morning and talks for parents and carers of autistic children.",
    ),
    (
        "{place} Family Hub",
        "advice-independent-advice",
        [],
        (0, 19),
        "free",
        "Family support, early help, health visiting clinics and stay and play sessions.",
    ),
    (
        "{place} Inclusive Football Club",
        "leisure-sport",
        ["cognition-learning-disability", "communication-autism"],
        (6, 18),
        "charge",
        "Weekly football coaching for children with SEND. £3 a session.",
    ),
    (
        "{place} Saturday Short Breaks Club",
        "social-care-short-breaks",
        ["communication-autism"],
        (8, 17),
        "some",
        "Activities and trips on Saturdays so disabled children have fun and parents get a break.",
    ),
    (
        "{place} Holiday Activities Club",
        "leisure-holiday-activities",
        [],
        (5, 16),
        "free",
        "Free holiday activities and a meal for children, with extra support for children with SEND.",
    ),
    (
        "{place} Youth Club for young people with SEND",
        "leisure-clubs-and-activities",
        ["cognition"],
        (11, 25),
        "charge",
        "A weekly youth club with trained staff. £2 a session.",
    ),
    (
        "{place} Health Visiting Team",
        "health-nursing-and-continence",
        [],
        (0, 5),
        "free",
        "Health visitors supporting families with babies and young children, including development checks.",
    ),
    (
        "{place} School Nursing Team",
        "health-nursing-and-continence",
        ["medical"],
        (5, 19),
        "free",
        "School nurses offering health advice, care plans and drop-ins in schools.",
    ),
    (
        "{place} Dyslexia Support Group",
        "education-support-for-learning",
        ["cognition-specific-learning-difficulties"],
        (6, 18),
        "free",
        "Support and advice for families of children with dyslexia.",
    ),
    (
        "{place} Stay and Play for children with SEND",
        "education-early-years",
        [],
        (0, 5),
        "free",
        "A friendly play session for young children with SEND and their parents and carers.",
    ),
    (
        "{place} Young Carers Project",
        "social-care-support-for-carers",
        [],
        (8, 18),
        "free",
        "Support, trips and a break for children who help look after someone at home.",
    ),
    (
        "{place} Swimming Lessons with Extra Support",
        "leisure-sport",
        ["sensory-physical-physical-disability"],
        (4, 18),
        "charge",
        "Small-group swimming lessons with a hoist and changing places toilet. £5 a lesson.",
    ),
    (
        "{place} Jobs and Skills Support",
        "training-help-to-find-work",
        ["cognition-learning-disability"],
        (16, 25),
        "free",
        "Help with CVs, job applications and work experience for young people with SEND.",
    ),
    (
        "{place} Housing Advice for Young Disabled People",
        "adulthood-independent-living-and-housing",
        [],
        (16, 25),
        "free",
        "Advice on supported living and your own tenancy.",
    ),
    (
        "{place} Childminders Welcoming Children with SEND",
        "leisure-childcare",
        [],
        (0, 12),
        "charge",
        "Registered childminders with training in supporting children with SEND.",
    ),
]
SCHOOL_KINDS = [
    ("Primary School", (4, 11)),
    ("Academy", (11, 16)),
    ("Nursery", (2, 5)),
    ("Sixth Form", (16, 19)),
]
VOLUNTARY = [
    "Action for Children Northbridge",
    "Northbridge Mencap",
    "Northbridge Autism Partnership",
    "Northbridge Leisure Trust",
    "Northbridge Youth Trust",
    "Carers Northbridge",
    "Northbridge Family Hubs",
]
ACCESS = [
    "Step-free access, accessible toilet and a hearing loop.",
    "Ramp at the side entrance; quiet room on request.",
    "Lift to all floors, changing places toilet, parking for blue badge holders.",
    "Ground floor only; no hearing loop.",
]
LANGUAGES = [
    "English",
    "English, Polish",
    "English, Urdu, Punjabi",
    "English, BSL",
    "English, Romanian",
    "English, Arabic",
]
DISTRICT_CENTRES = {
    f"NB{n}": (52.90 + 0.025 * ((n - 1) % 4), -1.30 + 0.04 * ((n - 1) // 4)) for n in range(1, 13)
}
UNMATCHED = [
    "sensory room",
    "wheelchair basketball",
    "makaton classes",
    "camhs waiting list",
    "dyspraxia group",
]


def _content(values: dict, categories, needs, localities, venue) -> dict:
    """A listing as the values a version stores, in the shape of `services.content_of`."""
    content = {name: values.get(name, None if name in NULLABLE else "") for name in SCALARS}
    content |= {
        "categories": [str(c) for c in categories],
        "needs": [str(n) for n in needs],
        "localities": [str(x) for x in localities],
        "venue": venue,
    }
    return content


@demo_step(name="local offer", order=200)
def local_offer(area: DemoArea, _shared: random.Random, progress: Progress) -> None:
    rng = random.Random(area.seed * 1000 + 200)
    today = area.today
    terms = {t.code: t for t in TaxonomyTerm.objects.all()}
    PostcodeDistrict.objects.bulk_create(
        [
            PostcodeDistrict(district=d, latitude=lat, longitude=lon)
            for d, (lat, lon) in DISTRICT_CENTRES.items()
        ]
    )
    providers = {
        name: Provider(
            id=seeded_uuid(rng),
            name=name,
            description=f"{name} provides services in Northbridge.",
            email=f"{name.lower().replace(' ', '.').replace(chr(39), '')[:40]}@example.org",
        )
        for name in ["Northbridge Council", "Northbridge Community Health NHS Trust", *VOLUNTARY]
    }
    rows = []  # (values, category code, need codes, locality or None)
    for name, code, needs, (low, high), cost, self_ref, who, online, _per, text in NATIONAL:
        owner = (
            "Northbridge Community Health NHS Trust" if code.startswith("health") else "Northbridge Council"
        )
        rows.append(
            (
                owner,
                dict(
                    name=name,
                    description=text,
                    minimum_age=low,
                    maximum_age=high,
                    cost=cost,
                    self_referral=self_ref,
                    who_can_refer=who,
                    online_referral=online,
                ),
                code,
                needs,
                None,
            )
        )
    for locality in area.localities:
        place = locality.name.split(" and ")[0]
        for template, code, needs, (low, high), cost, text in PER_LOCALITY:
            owner = (
                rng.choice(VOLUNTARY)
                if not code.startswith("health")
                else "Northbridge Community Health NHS Trust"
            )
            rows.append(
                (
                    owner,
                    dict(
                        name=template.format(place=place),
                        description=text,
                        minimum_age=low,
                        maximum_age=high,
                        cost=cost,
                        self_referral=True,
                        fees_description=text.split(". ")[-1] if cost == "charge" else "",
                    ),
                    code,
                    needs,
                    locality,
                )
            )
    settings = [s for phase in area.settings_by_phase.values() for s in phase]
    for setting in settings:
        if len(rows) >= 600:
            break
        providers.setdefault(
            setting.name,
            Provider(
                id=seeded_uuid(rng),
                name=setting.name,
                description=f"{setting.name}, a school in Northbridge.",
            ),
        )
        rows.append(
            (
                setting.name,
                dict(
                    name=f"{setting.name}: SEN support and the school's SEN information report",
                    description=f"How {setting.name} supports pupils with SEND: the SENCO, adapted teaching, small-group "
                    "interventions, and how progress is reviewed with families (SEND Regulations 2014, Schedule 1).",
                    minimum_age=2 if setting.phase == "nursery" else 4 if setting.highest_year <= 6 else 11,
                    maximum_age=5 if setting.phase == "nursery" else 11 if setting.highest_year <= 6 else 19,
                    cost="free",
                    self_referral=True,
                    who_can_refer="",
                ),
                "education-schools" if setting.phase != "nursery" else "education-early-years",
                ["cognition", "communication"],
                setting.locality,
            )
        )
    n = 0
    while len(rows) < 600:
        locality = area.localities[n % len(area.localities)]
        kind, (low, high) = SCHOOL_KINDS[n % len(SCHOOL_KINDS)]
        name = f"{locality.name.split(' and ')[0]} {kind} {n // len(area.localities) + 1}"
        providers.setdefault(
            name, Provider(id=seeded_uuid(rng), name=name, description=f"{name} in Northbridge.")
        )
        rows.append(
            (
                name,
                dict(
                    name=f"{name}: SEN support",
                    description=f"How {name} supports pupils with SEND.",
                    minimum_age=low,
                    maximum_age=high,
                    cost="free",
                    self_referral=True,
                ),
                "education-schools",
                ["cognition"],
                locality,
            )
        )
        n += 1
    for provider in providers.values():
        provider.local_authority = area.local_authority
    Provider.objects.bulk_create(providers.values())
    services, locations, sals, versions, cats, needs_rows, locs = [], [], [], [], [], [], []
    Cats, Needs, Locs = Service.categories.through, Service.needs.through, Service.localities.through
    for i, (owner, values, code, need_codes, locality) in enumerate(rows):
        sid = seeded_uuid(rng)
        checked = today - timedelta(days=rng.randint(0, 500))
        provider = providers[owner]
        inbox = f"referrals.{i}@example.org"
        values = values | dict(
            eligibility_description=f"Children and young people aged {values['minimum_age']} to "
            f"{values['maximum_age']} with SEND"
            + (f" living in {locality.name}." if locality else " in Northbridge."),
            application_process="Refer online through the Local Offer, or phone us."
            if values.get("online_referral")
            else "Phone or email us to find out more.",
            referral_email=inbox if values.get("online_referral") else "",
            contact_name=rng.choice(["Duty team", "Reception", "Team coordinator", "Family support worker"]),
            email=provider.email or f"info.{i}@example.org",
            phone=f"01632 {960000 + i:06d}"[:13],
            schedule_description=rng.choice(["Term time only", "All year", "Evenings and weekends", ""]),
            days=rng.choice(["MO,TU,WE,TH,FR", "SA", "TU,TH", "WE"]),
            languages=rng.choice(LANGUAGES),
            status="active" if rng.random() > 0.02 else "temporarily closed",
        )
        services.append(
            Service(
                id=sid,
                provider=provider,
                is_public=True,
                last_checked=checked,
                checked_by="local.offer@example.org",
                **values,
            )
        )
        category = terms.get(code)
        cats.append(Cats(service_id=sid, taxonomyterm_id=category.pk))
        need_ids = [terms[c].pk for c in need_codes if c in terms]
        needs_rows += [Needs(service_id=sid, taxonomyterm_id=t) for t in need_ids]
        venue = {}
        if locality is not None:
            locs.append(Locs(service_id=sid, locality_id=locality.pk))
            district = rng.choice(locality.postcode_districts.split())
            lat, lon = DISTRICT_CENTRES[district]
            loc = Location(
                id=seeded_uuid(rng),
                name=f"{locality.name} Community Centre"
                if owner in VOLUNTARY
                else values["name"].split(":")[0],
                address_1=f"{rng.randint(1, 120)} {rng.choice(['High Street', 'Station Road', 'Church Lane', 'Park Avenue'])}",
                city="Northbridge",
                postcode=f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                latitude=lat + rng.uniform(-0.01, 0.01),
                longitude=lon + rng.uniform(-0.015, 0.015),
                accessibility=rng.choice(ACCESS),
            )
            locations.append(loc)
            sals.append(ServiceAtLocation(id=seeded_uuid(rng), service_id=sid, location_id=loc.id))
            venue = {
                "name": loc.name,
                "address_1": loc.address_1,
                "city": loc.city,
                "postcode": loc.postcode,
                "accessibility": loc.accessibility,
                "latitude": loc.latitude,
                "longitude": loc.longitude,
            }
        content = _content(values, [category.pk], need_ids, [locality.pk] if locality else [], venue)
        versions.append(
            ServiceVersion(
                id=seeded_uuid(rng),
                service_id=sid,
                number=1,
                content=content,
                based_on_version=1,
                state=ServiceVersion.State.APPROVED,
                decided_at=timezone.now(),
                decision_note="Published when the demo was built",
            )
        )
    Service.objects.bulk_create(services, batch_size=500)
    Location.objects.bulk_create(locations, batch_size=500)
    ServiceAtLocation.objects.bulk_create(sals, batch_size=500)
    Cats.objects.bulk_create(cats, batch_size=1000)
    Needs.objects.bulk_create(needs_rows, batch_size=1000)
    Locs.objects.bulk_create(locs, batch_size=1000)
    ServiceVersion.objects.bulk_create(versions, batch_size=500)
    Service.objects.filter(pk__in=[s.pk for s in services]).update(version=2)
    progress.say(f"{len(services)} Local Offer services from {len(providers)} providers")
    _people_and_history(area, rng, services, providers)
    IndexState.bump(area.local_authority.pk)


def _people_and_history(area: DemoArea, rng: random.Random, services: list, providers: dict) -> None:
    today, password = area.today, area.extra["password_hash"]
    manager = create_account(
        username="lomanager",
        role=Role.LOCAL_OFFER_MANAGER,
        first_name="Nadia",
        last_name="Clarke",
        job_title="Local Offer manager",
        email="local.offer@example.org",
        local_authority=area.local_authority,
        password_hash=password,
    )
    provider_user = create_account(
        username="provider",
        role=Role.PROVIDER,
        first_name="Chris",
        last_name="Dunn",
        job_title="Service manager, Northbridge Mencap",
        email="chris.dunn@example.org",
        password_hash=password,
    )
    providers["Northbridge Mencap"].accounts.add(provider_user)
    own = [s for s in services if s.provider_id == providers["Northbridge Mencap"].pk]
    for service in own[:2]:
        content = dict(ServiceVersion.objects.get(service=service, number=1).content)
        content["schedule_description"] = "Term time, and two weeks in the summer holidays"
        ServiceVersion.objects.create(
            service=service, number=2, content=content, based_on_version=2, submitted_by=provider_user
        )
    for service in rng.sample(services, 6):
        ListingReport.objects.create(
            service=service,
            topic=rng.choice(ListingReport.Topic.values),
            details="The phone number on this page did not work when I rang.",
            raised_on=today - timedelta(days=rng.randint(0, 30)),
        )
    said = [
        (
            "Gaps in services",
            "There is nothing for autistic teenagers in Kingsmead after school.",
            "We funded a new after-school club in Kingsmead, run by Northbridge Autism Partnership.",
        ),
        (
            "Finding and reading the information",
            "Searching for CAMHS Tier 2 did not find the Emotional Health Service.",
            "We added CAMHS Tier 2 to the search thesaurus, so it now finds the Emotional Health Service.",
        ),
        (
            "What the Local Offer says",
            "The health pages did not say how to be referred.",
            "Every health service now says who can refer and whether families can refer themselves.",
        ),
    ]
    for n, (about, you_said, we_did) in enumerate(said):
        item = FeedbackItem.objects.create(
            local_authority=area.local_authority,
            raised_on=today - timedelta(days=60 + 20 * n),
            route=Route.LOCAL_OFFER,
            service=f"Local Offer: {about}",
            summary=you_said,
            actions=we_did,
            outcome=we_did,
            status="closed",
            owner=manager,
        )
        Publication.objects.create(
            local_authority=area.local_authority,
            topic="local_offer",
            feedback=item,
            you_said=you_said,
            we_did=we_did,
            published_on=today - timedelta(days=30 + 10 * n),
            published_by=manager,
        )
    FeedbackItem.objects.create(
        local_authority=area.local_authority,
        raised_on=today - timedelta(days=3),
        route=Route.LOCAL_OFFER,
        service="Local Offer: Gaps in services",
        summary="I could not find any support for dads.",
        status="open",
    )
    UnmatchedSearch.objects.bulk_create(
        UnmatchedSearch(
            local_authority=area.local_authority,
            query=q,
            times=rng.randint(1, 12),
            first_seen=today - timedelta(days=40),
            last_seen=today - timedelta(days=rng.randint(0, 9)),
        )
        for q in UNMATCHED
    )
