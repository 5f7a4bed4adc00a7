"""The plan and its letter as a PDF or Word file, each download recorded in the access log."""

from django.http import Http404, HttpResponse

from tellonce.accounts.policy import Capability, requires
from tellonce.audit.shown import exported
from tellonce.core.time import uk_today
from tellonce.plans import documents, presenters
from tellonce.plans.views.common import area_name, letter_for, visible_plan, visible_version

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@requires(Capability.VIEW_PLAN)
def download(request, pk, number, extension):
    if extension not in TYPES:
        raise Http404
    plan = visible_plan(request, pk)
    version = visible_version(request, plan, number)
    exported(request, [plan.child], what=f"Downloaded {plan.ref} version {number} ({extension})")
    document = presenters.document(version, today=uk_today())
    render = documents.pdf_bytes if extension == "pdf" else documents.docx_bytes
    body = render(document, letter_for(version), area_name=area_name(plan))
    response = HttpResponse(body, content_type=TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{plan.ref}-v{number}.{extension}"'
    return response
