from django.urls import path

from tellonce.improvement import views

app_name = "improvement"
urlpatterns = [
    path("improvement/", views.inspections, name="inspections"),
    path("improvement/import/", views.import_report, name="import"),
    path("improvement/import/check/", views.review, name="review"),
    path("improvement/inspections/<uuid:pk>/", views.inspection_detail, name="inspection"),
    path("improvement/inspections/<uuid:pk>/plan/", views.make_plan, name="make-plan"),
    path("improvement/plans/<uuid:pk>/", views.plan_detail, name="plan"),
    path("improvement/plans/<uuid:pk>/priorities/new/", views.priority_new, name="priority-new"),
    path("improvement/plans/<uuid:pk>/impact/", views.impact, name="impact"),
    path("improvement/plans/<uuid:pk>/impact.<str:fmt>", views.impact_download, name="impact-download"),
    path("improvement/priorities/<uuid:pk>/", views.priority_detail, name="priority"),
    path("improvement/priorities/<uuid:pk>/edit/", views.priority_edit, name="priority-edit"),
    path("improvement/priorities/<uuid:pk>/actions/new/", views.action_new, name="action-new"),
    path("improvement/priorities/<uuid:pk>/record/", views.update_new, name="record"),
    path("improvement/priorities/<uuid:pk>/rate/", views.rate, name="rate"),
    path("improvement/priorities/<uuid:pk>/measures/new/", views.measure_new, name="measure-new"),
    path("improvement/actions/<uuid:pk>/", views.action_update, name="action"),
    path("improvement/actions/<uuid:pk>/change/", views.action_change, name="action-change"),
    path("improvement/my-actions/", views.my_actions, name="my-actions"),
]
