"""Two years of family voice for the demo area: surveys after plans and an open SEN support survey,
answers online and on paper, feedback with actions and outcomes, published "You said, we did"
entries, co-production and the forum, with White British and English-speaking families
over-represented among those heard (as the seeds found)."""

import random
from datetime import timedelta

from tellonce.demo.steps import DemoArea, Progress, demo_step
from tellonce.feedback.models import (
    Answer,
    CoProduction,
    FeedbackItem,
    ForumMember,
    Invitation,
    Publication,
    Question,
    Response,
    Survey,
)

QUESTIONS = [
    "I felt involved and able to give my views",
    "The overall experience was positive",
    "I am happy with the therapy and health support",
    "I am happy with the support from school",
]
SERVICES = [
    "EHC assessment team",
    "Speech and language therapy",
    "CAMHS",
    "Transport",
    "Local Offer website",
    "Occupational therapy",
    "Short breaks",
]
SAID = [
    (
        "Letters about assessments were hard to understand.",
        "We rewrote our letters with the parent carer forum.",
    ),
    ("We waited too long to hear about the decision.", "Families now get a text when a decision is sent."),
    ("The Local Offer was hard to search.", "We added everyday words to the Local Offer search."),
    ("Therapy stopped over the summer.", "Holiday therapy groups now run in two localities."),
]


@demo_step(name="family voice", order=140)
def family_voice(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    council = area.local_authority
    after_plan = Survey.objects.create(
        local_authority=council,
        title="Your experience of the EHC needs assessment",
        trigger="after_final_plan",
    )
    open_survey = Survey.objects.create(
        local_authority=council, title="Support at SEN support", trigger="open"
    )
    questions = {
        s.pk: [Question.objects.create(survey=s, order=i, text=t) for i, t in enumerate(QUESTIONS)]
        for s in (after_plan, open_survey)
    }
    Question.objects.create(survey=after_plan, order=9, text="Anything else you want to tell us", kind="text")
    responses, answers, invitations = [], [], []
    cutoff = area.today - timedelta(days=730)
    heard = {"WBRI": 0.45}
    for child in area.children:
        reached = heard.get(child.ethnicity, 0.18) * (1.0 if child.first_language == "English" else 0.5)
        if child.sen_status == "EHC_PLAN" and rng.random() < 0.35:
            sent = area.today - timedelta(days=rng.randrange(14, 730))
            invitation = Invitation(
                survey=after_plan, child=child, sent_on=sent, reason="After the final EHC plan"
            )
            if rng.random() < reached:
                response = _response(
                    after_plan, child, sent + timedelta(days=rng.randrange(1, 30)), rng, area
                )
                responses.append(response)
                invitation.response = response
                answers += [
                    Answer(response=response, question=q, score=rng.choice([5, 4, 4, 3, 2, 1, 0]))
                    for q in questions[after_plan.pk]
                ]
            invitations.append(invitation)
        elif child.sen_status == "SEN_SUPPORT" and rng.random() < reached * 0.15:
            response = _response(
                open_survey, child, area.today - timedelta(days=rng.randrange(1, 700)), rng, area
            )
            responses.append(response)
            answers += [
                Answer(response=response, question=q, score=rng.choice([5, 4, 3, 3, 2, 1]))
                for q in questions[open_survey.pk]
            ]
    Response.objects.bulk_create(responses, batch_size=2000)
    Answer.objects.bulk_create(answers, batch_size=2000)
    Invitation.objects.bulk_create(invitations, batch_size=2000)
    items = []
    for child in rng.sample(area.children, min(len(area.children) // 40 + 5, len(area.children))):
        item = FeedbackItem(
            local_authority=council,
            raised_on=cutoff + timedelta(days=rng.randrange(0, 720)),
            route=rng.choice(["survey", "meeting", "email", "phone", "local_offer"]),
            service=rng.choice(SERVICES),
            summary=rng.choice(SAID)[0],
            owner=area.staff["quality"],
            status=rng.choice(["open", "in_progress", "closed", "closed"]),
        )
        item.copy_profile(child)
        if item.status == "closed":
            item.actions, item.outcome = "Discussed at the quality board", rng.choice(SAID)[1]
        items.append(item)
    FeedbackItem.objects.bulk_create(items)
    for said, did in SAID:
        Publication.objects.create(
            local_authority=council,
            you_said=said,
            we_did=did,
            published_on=area.today - timedelta(days=rng.randrange(10, 600)),
            published_by=area.staff["quality"],
        )
    CoProduction.objects.create(
        local_authority=council,
        title="New assessment letters",
        held_on=area.today - timedelta(days=200),
        who="Parent carer forum (8 parents), EHC team",
        what_changed="Letters rewritten in plain English",
    )
    members = [c for c in area.children if c.ethnicity == "WBRI"][:25] + [
        c for c in area.children if c.ethnicity != "WBRI"
    ][:3]
    for i, child in enumerate(members):
        member = ForumMember(
            local_authority=council,
            name=f"Forum member {i + 1}",
            joined_on=area.today - timedelta(days=400),
            consent_given_on=area.today - timedelta(days=400),
        )
        member.copy_profile(child)
        member.save()
    progress.say(
        f"{len(invitations):,} survey invitations, {len(responses):,} answers, {len(items)} feedback items"
    )


def _response(survey, child, on, rng, area) -> Response:
    route = "paper" if rng.random() < 0.15 else "online"
    anonymous = rng.random() < 0.3
    response = Response(
        survey=survey,
        child=None if anonymous else child,
        route=route,
        submitted_on=min(on, area.today),
        entered_by=area.staff["quality"] if route == "paper" else None,
    )
    response.copy_profile(child)
    return response
