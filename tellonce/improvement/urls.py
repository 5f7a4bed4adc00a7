from django.urls import path

from tellonce.improvement.views import actions, inspections, plans

app_name = "improvement"
urlpatterns = [
    path("improvement/", inspections.inspections, name="inspections"),
    path("improvement/import/", inspections.import_report, name="import"),
    path("improvement/import/check/", inspections.review, name="review"),
    path("improvement/inspections/<uuid:pk>/", inspections.inspection_detail, name="inspection"),
    path("improvement/inspections/<uuid:pk>/plan/", inspections.make_plan, name="make-plan"),
    path("improvement/inspections/<uuid:pk>/update-plan/", inspections.update_plan, name="update-plan"),
    path("improvement/plans/<uuid:pk>/", plans.plan_detail, name="plan"),
    path("improvement/plans/<uuid:pk>/priorities/new/", plans.priority_new, name="priority-new"),
    path("improvement/plans/<uuid:pk>/impact/", plans.impact, name="impact"),
    path("improvement/plans/<uuid:pk>/impact.<str:fmt>", plans.impact_download, name="impact-download"),
    path("improvement/priorities/<uuid:pk>/", plans.priority_detail, name="priority"),
    path("improvement/priorities/<uuid:pk>/edit/", plans.priority_edit, name="priority-edit"),
    path("improvement/priorities/<uuid:pk>/actions/new/", plans.action_new, name="action-new"),
    path("improvement/priorities/<uuid:pk>/record/", plans.update_new, name="record"),
    path("improvement/priorities/<uuid:pk>/rate/", plans.rate, name="rate"),
    path("improvement/priorities/<uuid:pk>/measures/new/", plans.measure_new, name="measure-new"),
    path("improvement/actions/<uuid:pk>/", actions.action_update, name="action"),
    path("improvement/actions/<uuid:pk>/change/", actions.action_change, name="action-change"),
    path("improvement/actions/<uuid:pk>/withdraw/", actions.action_withdraw, name="action-withdraw"),
    path("improvement/my-actions/", actions.my_actions, name="my-actions"),
]
