from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from tellonce.audit.models import AccessEvent
from tellonce.people.models import Child


@login_required
def access_log(request, pk):
    child = get_object_or_404(Child.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("audit.view_access_log", child):
        raise Http404
    events = AccessEvent.objects.filter(child_id=child.pk).select_related("user")
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/access_log.jinja",
        {
            "title": f"Who has seen or changed {child.full_name}'s record",
            "child": child,
            "page": page,
            "back_link": f"/children/{child.pk}/",
        },
    )
