from django.urls import path

from tellonce.assessments import views

app_name = "assessments"
urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("caseload/overdue/", views.caseload, {"overdue_only": True}, name="overdue"),
    path("assessments/timeliness/", views.timeliness, name="timeliness"),
    path("children/<uuid:child_pk>/assessments/new/", views.start, name="start"),
    path("assessments/<uuid:pk>/", views.detail, name="detail"),
    path("assessments/<uuid:pk>/<slug:step>/", views.step, name="step"),
]
