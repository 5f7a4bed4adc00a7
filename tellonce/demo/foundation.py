"""The foundation's demo steps: organisations, staff, children and young people, families,
consent, "All about me", professional involvement and the first timeline events."""

import itertools
import random
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from tellonce.accounts.models import User
from tellonce.accounts.roles import Role
from tellonce.accounts.services import create_account
from tellonce.demo import data
from tellonce.demo.steps import DemoArea, Progress, demo_step, seeded_uuid
from tellonce.domain.calendar import add_months
from tellonce.domain.identifiers import nhs_number_check_digit, upn_check_letter
from tellonce.domain.school_years import national_curriculum_year
from tellonce.organisations.models import HealthProvider, LocalAuthority, Locality, Service, Setting, Team
from tellonce.people.models import (
    AllAboutMe,
    Child,
    ConsentRecord,
    FamilyMember,
    ProfessionalInvolvement,
    TimelineEvent,
)

DEMO_PASSWORD = "tellonce-demo"
BATCH = 2000


def _setting_names():
    for round_ in itertools.count(1):
        for suffix in ("", " Park", " Green", " Hill", " Vale", " Lane", " Rise"):
            for place in data.PLACES:
                yield f"{place}{suffix}" if round_ == 1 else f"{place}{suffix} {round_}"


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@demo_step(name="organisations", order=10)
def organisations(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    # The SEN2 header's designated officers: a DMO and a DCO in post, the DSCO being recruited.
    la = LocalAuthority.objects.create(
        name="Northbridge Council",
        code="999",
        designated_medical_officer="Y",
        designated_clinical_officer="Y",
        designated_social_care_officer="R",
    )
    area.local_authority = la
    area.localities = [
        Locality.objects.create(local_authority=la, name=name, postcode_districts=districts)
        for name, districts in data.LOCALITIES
    ]
    n_settings = max(40, area.children_wanted // 60)
    # phase, type, share, (lowest year, highest year, sixth form)
    mix = [
        ("nursery", "early_years", 0.16, (-2, -1, False)),
        ("primary", "mainstream", 0.40, (0, 6, False)),
        ("infant", "mainstream", 0.04, (0, 2, False)),
        ("junior", "mainstream", 0.04, (3, 6, False)),
        ("secondary", "mainstream", 0.07, (7, 11, False)),
        ("secondary", "mainstream", 0.07, (7, 13, True)),
        ("all_through", "mainstream", 0.02, (0, 13, True)),
        ("primary", "resourced_provision", 0.04, (0, 6, False)),
        ("secondary", "sen_unit", 0.03, (7, 13, True)),
    ]
    labels = {
        "nursery": " Nursery",
        "primary": " Primary School",
        "infant": " Infant School",
        "junior": " Junior School",
        "secondary": " Academy",
        "all_through": " School",
    }
    names = _setting_names()
    settings, urn = [], 150000
    for phase, kind, share, (lowest, highest, sixth_form) in mix:
        for _ in range(max(2, round(n_settings * share))):
            urn += rng.randint(1, 40)
            settings.append(
                Setting(
                    name=next(names) + labels[phase],
                    urn=str(urn),
                    phase=phase,
                    setting_type=kind,
                    lowest_year=lowest,
                    highest_year=highest,
                    has_sixth_form=sixth_form,
                    local_authority=la,
                    locality=rng.choice(area.localities),
                )
            )
    specials = [
        ("maintained_special", "Special School"),
        ("academy_special", "Academy (special)"),
        ("independent_special", "Independent School"),
        ("non_maintained_special", "College (non-maintained)"),
    ]
    for kind, label in specials:
        for _ in range(max(1, round(n_settings * data.SPECIAL_TYPES[kind] / 100 * 0.12))):
            urn += rng.randint(1, 40)
            settings.append(
                Setting(
                    name=f"{next(names)} {label}",
                    urn=str(urn),
                    phase="non_maintained" if kind == "non_maintained_special" else "special",
                    setting_type=kind,
                    lowest_year=0,
                    highest_year=14,
                    local_authority=la,
                    locality=rng.choice(area.localities),
                )
            )
    for i in range(2):
        settings.append(
            Setting(
                name=f"{next(names)} College",
                ukprn=str(10004000 + i),
                phase="fe_college",
                setting_type="fe_college",
                lowest_year=12,
                highest_year=14,
                local_authority=la,
                locality=area.localities[i],
            )
        )
    settings.append(
        Setting(
            name=f"{next(names)} Skills Centre",
            ukprn="10004100",
            phase="special",
            setting_type="specialist_post_16",
            lowest_year=12,
            highest_year=14,
            local_authority=la,
            locality=area.localities[2],
        )
    )
    Setting.objects.bulk_create(settings)
    by_kind: dict[str, list] = {}
    for setting in Setting.objects.filter(local_authority=la).order_by("urn", "ukprn"):
        key = setting.setting_type if setting.setting_type not in ("mainstream",) else setting.phase
        by_kind.setdefault(key, []).append(setting)
    area.settings_by_phase = by_kind
    progress.say(f"{len(settings)} settings in {len(area.localities)} localities")

    trust = HealthProvider.objects.create(
        name="Northbridge Community Health NHS Trust", ods_code="RNB", local_authority=la
    )
    hospital = HealthProvider.objects.create(
        name="Northbridge Hospitals NHS Foundation Trust", ods_code="RNH", local_authority=la
    )
    mental = HealthProvider.objects.create(
        name="Northbridge Mental Health Partnership NHS Trust", ods_code="RNM", local_authority=la
    )
    provider_for = {
        Service.CAMHS: mental,
        Service.PAEDIATRICS: hospital,
        Service.SPEECH_AND_LANGUAGE_THERAPY: trust,
        Service.OCCUPATIONAL_THERAPY: trust,
        Service.PHYSIOTHERAPY: trust,
        Service.HEALTH_VISITING: trust,
    }
    for service in Service:
        if service == Service.SOCIAL_CARE:
            for locality in area.localities:
                team = Team.objects.create(
                    name=f"Children's social care, {locality.name}",
                    service=service,
                    local_authority=la,
                    locality=locality,
                )
                area.teams.setdefault(service, team)
            continue
        name = {
            Service.EDUCATIONAL_PSYCHOLOGY: "Educational Psychology Service",
            Service.DESIGNATED_OFFICERS: "Designated officers (health and social care)",
            Service.OTHER: "Portage home visiting",
        }.get(service, f"{service.label} team")
        area.teams[service] = Team.objects.create(
            name=name, service=service, local_authority=la, provider=provider_for.get(service)
        )
    progress.say(f"3 health providers and {Team.objects.count()} teams")


STAFF = [
    ("coordinator", Role.EHC_COORDINATOR, "Priya", "Shah", "EHC coordinator", None),
    ("manager", Role.SEND_MANAGER, "Marcus", "Bell", "SEND team manager", None),
    ("quality", Role.QUALITY_LEAD, "Helen", "Ford", "Quality assurance lead", None),
    ("analyst", Role.ANALYST, "Tom", "Reid", "Performance and finance analyst", None),
    ("admin", Role.ADMINISTRATOR, "Sue", "Lane", "Systems administrator", None),
    (
        "dco",
        Role.DESIGNATED_CLINICAL_OFFICER,
        "Dr Amina",
        "Yusuf",
        "Designated clinical officer",
        Service.DESIGNATED_OFFICERS,
    ),
    (
        "therapist",
        Role.THERAPIST,
        "Beth",
        "Cole",
        "Speech and language therapist",
        Service.SPEECH_AND_LANGUAGE_THERAPY,
    ),
    ("paediatrician", Role.PAEDIATRICIAN, "Dr Raj", "Mehta", "Community paediatrician", Service.PAEDIATRICS),
    ("camhs", Role.CAMHS_PRACTITIONER, "Jo", "Hart", "CAMHS practitioner", Service.CAMHS),
    (
        "ep",
        Role.EDUCATIONAL_PSYCHOLOGIST,
        "Dr Sam",
        "Kerr",
        "Educational psychologist",
        Service.EDUCATIONAL_PSYCHOLOGY,
    ),
    ("socialworker", Role.SOCIAL_WORKER, "Leon", "Grant", "Social worker", Service.SOCIAL_CARE),
    (
        "dsco",
        Role.DESIGNATED_SOCIAL_CARE_OFFICER,
        "Ruth",
        "Obi",
        "Designated social care officer",
        Service.DESIGNATED_OFFICERS,
    ),
    ("board", Role.BOARD_MEMBER, "Cllr Ann", "Price", "Chair, SEND partnership board", None),
]
EXTRA_COORDINATORS = [
    ("Dan", "Hughes"),
    ("Fatima", "Ali"),
    ("Grace", "Mensah"),
    ("Owen", "Price"),
    ("Zofia", "Nowak"),
]


@demo_step(name="staff", order=20)
def staff(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    password = make_password(DEMO_PASSWORD)
    la = area.local_authority
    users = []
    for username, role, first, last, title, service in STAFF:
        users.append(
            create_account(
                username=username,
                role=role,
                first_name=first,
                last_name=last,
                job_title=title,
                local_authority=la,
                team=area.teams.get(service),
                password_hash=password,
            )
        )
    for i, (first, last) in enumerate(EXTRA_COORDINATORS, start=2):
        users.append(
            create_account(
                username=f"coordinator{i}",
                role=Role.EHC_COORDINATOR,
                first_name=first,
                last_name=last,
                job_title="EHC coordinator",
                local_authority=la,
                password_hash=password,
            )
        )
    area.staff = {user.username: user for user in User.objects.filter(local_authority=la)}
    area.coordinators = [area.staff["coordinator"]] + [area.staff[f"coordinator{i}"] for i in range(2, 7)]
    area.extra["password_hash"] = password
    progress.say(f"{len(users)} staff sign-ins")


def _birth_date(rng: random.Random, today: date, ages: tuple[int, int]) -> date:
    oldest = add_months(today, -12 * (ages[1] + 1)) + timedelta(days=1)
    youngest = add_months(today, -12 * ages[0])
    return oldest + timedelta(days=rng.randrange(max((youngest - oldest).days, 1)))


def _nhs_number(rng: random.Random) -> str:
    while True:
        first_nine = f"{rng.randrange(400000000, 999999999):09d}"
        check = nhs_number_check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)


def _upn(rng: random.Random, serial: int) -> str:
    """A valid UPN, different for each serial (up to 100 million children)."""
    rng.randrange(1000, 9999)  # drawn and unused, so a seed builds the same area as before
    body = f"999{serial:08d}{rng.randrange(10)}"
    return upn_check_letter(body) + body


def _teaching(settings: list, year: int) -> list:
    return [s for s in settings if s.lowest_year <= year <= s.highest_year]


def _setting_for(area: DemoArea, rng: random.Random, year: int, ehc: bool):
    s = area.settings_by_phase
    if year < 0:
        return rng.choice(s["early_years"]) if year == -1 or rng.random() < 0.4 else None
    if year > 13:
        roll = rng.random()
        return (
            rng.choice(s["fe_college"])
            if roll < 0.45
            else rng.choice(s["specialist_post_16"])
            if roll < 0.6
            else None
        )
    if ehc and rng.random() < data.EHC_SPECIAL_SCHOOL_SHARE:
        return rng.choice(s[_pick(rng, data.SPECIAL_TYPES)])
    if year >= 12:
        return rng.choice(s["fe_college"] if rng.random() < 0.55 else _teaching(s["secondary"], year))
    if year <= 6:
        options = s["primary"] + (s.get("resourced_provision", []) if ehc else [])
        if rng.random() < 0.15:
            options = _teaching(s.get("infant", []) + s.get("junior", []), year) or options
    else:
        options = s["secondary"] + s.get("all_through", []) + (s.get("sen_unit", []) if ehc else [])
    return rng.choice(options)


def _next_setting_for(area: DemoArea, rng: random.Random, year: int, setting):
    """Four in ten Year 11 pupils of a school with a sixth form are known to be going to college."""
    if year != 11 or setting is None or not setting.years.teaches_post_16:
        return None
    return rng.choice(area.settings_by_phase["fe_college"]) if rng.random() < 0.4 else None


@demo_step(name="children and young people", order=30)
def children(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    total, today, la = area.children_wanted, area.today, area.local_authority
    ehc_bands = [band for band, _ in data.EHC_AGE_BANDS], [n for _, n in data.EHC_AGE_BANDS]
    sup_bands = [band for band, _ in data.SEN_SUPPORT_AGE_BANDS], [n for _, n in data.SEN_SUPPORT_AGE_BANDS]
    batch = []
    for i in range(total):
        ehc = rng.random() < data.EHC_SHARE
        bands, weights = ehc_bands if ehc else sup_bands
        born = _birth_date(rng, today, rng.choices(bands, weights=weights)[0])
        year = national_curriculum_year(born, today).value
        sex = "M" if rng.random() < (0.71 if ehc else 0.64) else "F"
        ethnicity = _pick(rng, data.ETHNICITY)
        share, languages = data.LANGUAGES.get(ethnicity, (0.0, []))
        language = rng.choice(languages) if languages and rng.random() < share else "English"
        needs = data.EHC_NEEDS if ehc else data.SEN_SUPPORT_NEEDS
        primary = _pick(rng, needs)
        secondary = _pick(rng, needs) if rng.random() < 0.4 else ""
        locality = rng.choice(area.localities)
        district = rng.choice(locality.postcode_districts.split())
        looked_after = rng.random() < 0.03
        child = Child(
            id=seeded_uuid(rng),
            given_name=rng.choice(data.GIVEN_NAMES[sex]),
            family_name=rng.choice(data.FAMILY_NAMES),
            date_of_birth=born,
            nhs_number=_nhs_number(rng) if rng.random() < 0.95 else "",
            upn=_upn(rng, i) if 0 <= year <= 13 and rng.random() < 0.97 else "",
            sex=sex,
            ethnicity=ethnicity,
            first_language=language,
            postcode=f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
            local_authority=la,
            locality=locality,
            setting=_setting_for(area, rng, year, ehc),
            primary_need=primary,
            secondary_need=secondary if secondary != primary else "",
            sen_status="EHC_PLAN" if ehc else "SEN_SUPPORT",
            looked_after=looked_after,
            child_in_need=not looked_after and rng.random() < 0.08,
            child_protection=rng.random() < 0.02,
            coordinator=area.coordinators[i % len(area.coordinators)] if ehc or rng.random() < 0.15 else None,
        )
        child.next_setting = _next_setting_for(area, rng, year, child.setting)
        batch.append(child)
        if len(batch) == BATCH:
            Child.objects.bulk_create(batch)
            area.children.extend(batch)
            batch = []
            progress.count("children and young people", len(area.children), total)
    Child.objects.bulk_create(batch)
    area.children.extend(batch)
    progress.count("children and young people", len(area.children), total)


def _bulk(model, rows: list, progress: Progress, what: str) -> None:
    model.objects.bulk_create(rows, batch_size=BATCH)
    progress.say(f"{len(rows):,} {what}")


@demo_step(name="families", order=40)
def families(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    rows = []
    for child in area.children:
        carers = (
            [("foster_carer", "F")]
            if child.looked_after
            else [("mother", "F")] + ([("father", "M")] if rng.random() < 0.55 else [])
        )
        if not child.looked_after and rng.random() < 0.06:
            carers = [("grandparent", "F")]
        english = child.first_language == "English"
        for n, (relationship, sex) in enumerate(carers):
            rows.append(
                FamilyMember(
                    child=child,
                    given_name=rng.choice(data.GIVEN_NAMES[sex]),
                    family_name=child.family_name
                    if relationship != "foster_carer"
                    else rng.choice(data.FAMILY_NAMES),
                    relationship=relationship,
                    parental_responsibility=relationship != "foster_carer" or rng.random() < 0.2,
                    main_contact=n == 0,
                    email=f"family{len(rows)}@example.org" if rng.random() < 0.85 else "",
                    phone=f"07700 9{rng.randrange(10000, 99999)}",
                    contact_by=rng.choice(["email", "email", "phone", "text", "post"]),
                    interpreter_language="" if english or rng.random() > 0.35 else child.first_language,
                    accessible_format=rng.choice(["large_print", "easy_read", "audio", "bsl"])
                    if rng.random() < 0.05
                    else "",
                )
            )
    _bulk(FamilyMember, rows, progress, "family members")


@demo_step(name="consent and All about me", order=50)
def consent_and_all_about_me(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    consents, abouts = [], []
    coordinator = area.staff["coordinator"]
    for child in area.children:
        if rng.random() < 0.9:
            recorded = area.today - timedelta(days=rng.randrange(30, 900))
            for share_with in ("education", "health", "social_care"):
                decision = "given" if rng.random() < 0.95 else "refused"
                consents.append(
                    ConsentRecord(
                        child=child,
                        share_with=share_with,
                        decision=decision,
                        given_by="Parent or carer" if child.age_on(area.today) < 16 else "Young person",
                        recorded_on=recorded,
                        recorded_by=coordinator,
                    )
                )
        if rng.random() < 0.6:
            abouts.append(
                AllAboutMe(
                    id=seeded_uuid(rng),
                    child=child,
                    in_my_words=f"I like {rng.choice(data.LIKES)} and {rng.choice(data.LIKES)}.",
                    what_people_like_about_me=rng.choice(data.PEOPLE_LIKE),
                    what_is_important_to_me=f"It is important to me to have {rng.choice(data.IMPORTANT)}.",
                    how_best_to_support_me=" ".join(rng.sample(data.SUPPORT, 2)),
                    my_hopes_for_the_future=f"When I am older I would like {rng.choice(data.HOPES)}.",
                    family_views=rng.choice(data.FAMILY_VIEWS),
                    completed_with=rng.choice(data.COMPLETED_WITH),
                )
            )
    _bulk(ConsentRecord, consents, progress, "consent records")
    _bulk(AllAboutMe, abouts, progress, "All about me pages")


INVOLVEMENT = [
    # (service, who: "team" or demo username, chance, reason, test)
    (
        Service.SPEECH_AND_LANGUAGE_THERAPY,
        "team",
        0.45,
        "Speech and language therapy",
        lambda c, age: c.primary_need == "SLCN" or c.secondary_need == "SLCN",
    ),
    (
        Service.EDUCATIONAL_PSYCHOLOGY,
        "ep",
        0.12,
        "Educational psychology advice",
        lambda c, age: c.sen_status == "EHC_PLAN",
    ),
    (
        Service.PAEDIATRICS,
        "paediatrician",
        0.2,
        "Community paediatric review",
        lambda c, age: age < 13 and c.primary_need in ("ASD", "PD", "PMLD", "DS", "SLD"),
    ),
    (Service.CAMHS, "camhs", 0.25, "CAMHS assessment", lambda c, age: c.primary_need == "SEMH" and age >= 8),
    (
        Service.SOCIAL_CARE,
        "socialworker",
        0.5,
        "Allocated social worker",
        lambda c, age: c.looked_after or c.child_protection or c.child_in_need,
    ),
    (
        Service.DESIGNATED_OFFICERS,
        "dco",
        0.15,
        "Complex health needs",
        lambda c, age: c.primary_need in ("PMLD", "PD"),
    ),
    (
        Service.DESIGNATED_OFFICERS,
        "dsco",
        0.2,
        "Looked-after child with an EHC plan",
        lambda c, age: c.looked_after and c.sen_status == "EHC_PLAN",
    ),
    (
        Service.OCCUPATIONAL_THERAPY,
        "team",
        0.15,
        "Occupational therapy",
        lambda c, age: c.primary_need in ("PD", "ASD"),
    ),
    (Service.SENSORY, "team", 0.7, "Sensory support", lambda c, age: c.primary_need in ("HI", "VI", "MSI")),
]


@demo_step(name="professional involvement and timeline", order=60)
def involvement_and_timeline(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    involvements, events = [], []
    coordinator = area.staff["coordinator"]
    for child in area.children:
        age = child.age_on(area.today)
        known = max(
            child.date_of_birth + timedelta(days=365 * min(age, 3)),
            area.today - timedelta(days=rng.randrange(60, 365 * max(1, min(age, 8)))),
        )
        events.append(
            TimelineEvent(
                child=child,
                occurred_on=known,
                kind="record",
                title="Became known to the SEND service",
                actor=coordinator,
            )
        )
        for service, who, chance, reason, applies in INVOLVEMENT:
            if applies(child, age) and rng.random() < chance:
                started = area.today - timedelta(days=rng.randrange(7, 700))
                team = area.teams[service] if who == "team" else None
                person = area.staff.get(who) if who != "team" else None
                involvements.append(
                    ProfessionalInvolvement(
                        child=child, team=team, professional=person, reason=reason, started_on=started
                    )
                )
                events.append(
                    TimelineEvent(
                        child=child,
                        occurred_on=started,
                        kind="involvement",
                        title=f"{reason} started",
                        detail=str(team or person),
                    )
                )
    _bulk(ProfessionalInvolvement, involvements, progress, "professional involvements")
    _bulk(TimelineEvent, events, progress, "timeline events")


@demo_step(name="family and young person sign-ins", order=70)
def family_sign_ins(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    """The demo parent has two children (one at the demo SENCO's school); the demo young person
    holds their own record; each SENCO acts for a school with pupils."""
    password = area.extra["password_hash"]
    primary_pupils: dict[int, list] = {}
    for child in area.children:
        if (
            child.setting_id
            and child.setting.setting_type == "mainstream"
            and child.setting.phase == "primary"
        ):
            primary_pupils.setdefault(child.setting_id, []).append(child)
    school_id, pupils = max(primary_pupils.items(), key=lambda item: (len(item[1]), -item[0]))
    senco_schools = [pupils[0].setting]
    for kind in ("secondary", "maintained_special"):
        senco_schools += [
            s
            for s in area.settings_by_phase.get(kind, [])
            if any(c.setting_id == s.pk for c in area.children)
        ][:1]
    for i, school in enumerate(senco_schools):
        create_account(
            username="senco" if i == 0 else f"senco{i + 1}",
            role=Role.SENCO,
            first_name=["Kate", "Imran", "Lucy"][i],
            last_name=["Moss", "Aziz", "Ng"][i],
            job_title=f"SENCO, {school}",
            setting=school,
            password_hash=password,
        )
    parent = create_account(
        username="parent", role=Role.PARENT, first_name="Grace", last_name="Okafor", password_hash=password
    )
    young = create_account(
        username="youngperson",
        role=Role.YOUNG_PERSON,
        first_name="Jordan",
        last_name="Reid",
        password_hash=password,
    )

    first = rng.choice(pupils)
    sibling = next(c for c in area.children if c is not first and 11 <= c.age_on(area.today) <= 15)
    Child.objects.filter(pk__in=[first.pk, sibling.pk]).update(family_name="Okafor")
    for child in (first, sibling):
        child.family_name = "Okafor"
        FamilyMember.objects.filter(child=child).update(main_contact=False)
        FamilyMember.objects.create(
            child=child,
            given_name="Grace",
            family_name="Okafor",
            relationship="mother",
            parental_responsibility=True,
            main_contact=True,
            account=parent,
            email="grace.okafor@example.org",
            contact_by="email",
        )
    adult = next(c for c in area.children if 17 <= c.age_on(area.today) <= 19 and c.sen_status == "EHC_PLAN")
    Child.objects.filter(pk=adult.pk).update(account=young, given_name="Jordan", family_name="Reid")
    area.extra["demo_family"] = {"parent_children": [first.pk, sibling.pk], "young_person_child": adult.pk}
    progress.say("sign-ins for 3 SENCOs, a parent of two children and a young person")


SIGN_INS = [
    ("coordinator", "EHC coordinator", "their caseload; the rest of the council's children read-only"),
    ("manager", "SEND team manager", "the whole team's caseload"),
    ("quality", "Quality lead", "every child, read-only"),
    ("analyst", "Performance and finance analyst", "every child, read-only"),
    ("admin", "Administrator", "every child read-only, and each child's access log"),
    ("dco", "Designated clinical officer", "children they were asked to work with"),
    ("therapist", "Speech and language therapist", "children their team was asked to work with"),
    ("paediatrician", "Paediatrician", "children they were asked to work with"),
    ("camhs", "CAMHS practitioner", "children their team was asked to work with"),
    ("ep", "Educational psychologist", "children they were asked to work with"),
    ("socialworker", "Social worker", "children their team was asked to work with"),
    ("dsco", "Designated social care officer", "children they were asked to work with"),
    ("senco", "SENCO", "pupils on their school's roll"),
    ("parent", "Parent or carer", "their own two children"),
    ("youngperson", "Young person (16+)", "their own record"),
    ("board", "Partnership board member", "totals only, no child"),
    ("lomanager", "Local Offer manager", "every listing, changes to approve, comments, the thesaurus"),
    ("provider", "Service provider", "Northbridge Mencap's listings and their online referrals"),
]


def sign_ins_table() -> str:
    lines = [f"Demo sign-ins (password for all: {DEMO_PASSWORD})", ""]
    lines += [f"  {username:<14} {role:<32} sees {sees}" for username, role, sees in SIGN_INS]
    return "\n".join(lines)
