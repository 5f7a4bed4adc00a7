"""The access log a response writes as it goes out (audit.shown.AccessLog): each child and action
once, nothing the view already wrote itself, and nothing for a refused response."""

from django.http import HttpResponse, HttpResponseForbidden
from django.test import RequestFactory

from tellonce.accounts.actors import Actor
from tellonce.audit import services
from tellonce.audit.models import AccessEvent, Action
from tellonce.audit.shown import AccessLog, exported, listed, shown
from tellonce.people.tests.factories import ChildFactory


def _answer(view, user, path="/a-page/"):
    request = RequestFactory().get(path)
    request.user = user
    return AccessLog(view)(request)


def test_a_child_the_view_logged_itself_is_not_logged_again_as_the_response_goes_out(area):
    other = ChildFactory(local_authority=area.child.local_authority)

    def view(request):
        services.record_read(Actor.of(request), area.child, what="Viewed the record")
        shown(request, area.child)
        shown(request, other)
        listed(request, [area.child, other.pk, area.child])
        return HttpResponse("shown")

    _answer(view, area.users["coordinator"])
    events = AccessEvent.objects.values_list("child_id", "action")
    assert sorted(events) == sorted(
        [
            (area.child.pk, Action.READ),
            (other.pk, Action.READ),
            (area.child.pk, Action.LISTED),
            (other.pk, Action.LISTED),
        ]
    )
    # The ids-only child's council is found when the events are written.
    assert set(AccessEvent.objects.values_list("local_authority_id", flat=True)) == {
        area.child.local_authority_id
    }
    # Written in one statement from the children's rows (ADR 99), each event has the columns the
    # view's own event (a model saved) has: who, as what, through which page, and why.
    actor = ("user_id", "role", "organisation", "channel", "via", "relationship", "local_authority_id")
    saved = AccessEvent.objects.values(*actor).get(child=area.child, action=Action.READ)
    assert (
        saved["role"] and saved["organisation"] and saved["relationship"] and saved["via"] == "GET /a-page/"
    )
    first = AccessEvent.objects.get(child=area.child, action=Action.READ)
    written = AccessEvent.objects.exclude(pk=first.pk)
    assert list(written.values(*actor).order_by().distinct()) == [saved]
    assert written.filter(at__gte=first.at).count() == 3
    assert set(written.filter(action=Action.LISTED).values_list("what", flat=True)) == {"Shown in a list"}


def test_a_long_list_is_written_a_few_hundred_children_a_statement(area, monkeypatch):
    children = [area.child, *(ChildFactory(local_authority=area.child.local_authority) for _ in range(4))]
    monkeypatch.setattr(services, "INSERT_CHUNK", 2)

    def view(request):
        listed(request, [child.pk for child in children])
        return HttpResponse("listed")

    _answer(view, area.users["manager"])
    assert sorted(AccessEvent.objects.values_list("child_id", flat=True)) == sorted(c.pk for c in children)
    services.record_exported(
        Actor.command(area.users["manager"], "a command"), [c.pk for c in children], what="x"
    )
    assert AccessEvent.objects.filter(action=Action.EXPORT).count() == 5


def test_what_one_request_wrote_does_not_hide_the_next_requests_events(area):
    def view(request):
        services.record_listed(Actor.of(request), [area.child], what="Shown in search results")
        listed(request, [area.child])
        exported(request, [area.child.pk])
        return HttpResponse("listed")

    for _ in range(2):
        _answer(view, area.users["coordinator"])
    counted = {
        action: AccessEvent.objects.filter(action=action).count() for action in (Action.LISTED, Action.EXPORT)
    }
    assert counted == {Action.LISTED: 2, Action.EXPORT: 2}


def test_a_refused_response_logs_nothing_and_outside_a_request_nothing_is_held_back(area):
    def refused(request):
        shown(request, area.child)
        return HttpResponseForbidden("no")

    _answer(refused, area.users["coordinator"])
    assert not AccessEvent.objects.exists()
    # Outside a request (a command), the services write at once and remember nothing.
    services.record_read(Actor.command(area.users["coordinator"], "a command"), area.child)
    assert services._written.get() is None
    assert AccessEvent.objects.filter(action=Action.READ).count() == 1
