from django.urls import path

from tellonce.audits import views

app_name = "audits"
urlpatterns = [
    path("audits/", views.home, name="home"),
    path("audits/tools/", views.tools, name="tools"),
    path("audits/tools/<uuid:pk>/", views.tool, name="tool"),
    path("audits/tools/<uuid:pk>/questions/<int:order>/", views.change_question, name="question"),
    path("audits/rounds/new/", views.round_new, name="round-new"),
    path("audits/rounds/<uuid:pk>/", views.round_detail, name="round"),
    path("audits/plans/<uuid:pk>/", views.audit_detail, name="audit"),
    path("audits/plans/<uuid:pk>/assign/", views.assign, name="assign"),
    path("audits/plans/<uuid:pk>/resolve/", views.resolve, name="resolve"),
    path("audits/plans/<uuid:pk>/family/", views.family_view, name="family"),
    path("audits/plans/<uuid:pk>/feedback/", views.feedback, name="feedback"),
    path("audits/grading/<uuid:pk>/", views.grade, name="grade"),
    path("audits/feedback/<uuid:pk>/", views.received, name="received"),
    path("audits/actions/<uuid:pk>/done/", views.follow_up_done, name="done"),
    path("audits/report/", views.report, name="report"),
    path("audits/report/<slug:table>.csv", views.report_csv, name="report-csv"),
]
