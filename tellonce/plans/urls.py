from django.urls import path

from tellonce.plans.views import documents, drafting, family, lifecycle, pages, placements, quality

app_name = "plans"
version = "plans/<uuid:pk>/versions/<int:number>/"
urlpatterns = [
    path("plans/quality/", quality.overview, name="quality"),
    path("plans/checks/", quality.checks, name="checks"),
    path("children/<uuid:child_pk>/plans/new/", lifecycle.start, name="start"),
    path("plans/<uuid:pk>/", pages.plan_detail, name="detail"),
    path("plans/<uuid:pk>/officers/", drafting.officers, name="officers"),
    path("plans/<uuid:pk>/placements/", placements.placements, name="placements"),
    path("plans/<uuid:pk>/placements/new/", placements.add_placement, name="add-placement"),
    path(
        "plans/<uuid:pk>/placements/<uuid:placement_pk>/change/",
        placements.change_placement,
        name="change-placement",
    ),
    path(
        "plans/<uuid:pk>/placements/<uuid:placement_pk>/left/", placements.end_placement, name="end-placement"
    ),
    path("plans/<uuid:pk>/return-details/", placements.return_details, name="return-details"),
    path("plans/<uuid:pk>/next/", lifecycle.next_version, name="next"),
    path("plans/<uuid:pk>/comments/<int:comment_pk>/answer/", family.answer, name="answer"),
    path(version, pages.version_page, name="version"),
    path(version + "compare/", pages.compare, name="compare"),
    path(version + "sections/<str:code>/", drafting.edit_section, name="section"),
    path(version + "sections/<str:code>/items/new/", drafting.edit_item, name="item-new"),
    path(version + "sections/<str:code>/items/<slug:key>/", drafting.edit_item, name="item"),
    path(version + "sections/<str:code>/items/<slug:key>/remove/", drafting.remove_item, name="item-remove"),
    path(version + "acknowledge/", drafting.acknowledge, name="acknowledge"),
    path(version + "send/", lifecycle.serve, name="serve"),
    path(version + "issue/", lifecycle.issue, name="issue"),
    path(version + "comment/", family.comment, name="comment"),
    path(version + "responses/new/", family.record_response, name="record-response"),
    path(version + "ask/<slug:kind>/", family.ask, name="ask"),
    path(version + "finished/", family.finished, name="finished"),
    path(version + "plan.<str:extension>", documents.download, name="download"),
]
