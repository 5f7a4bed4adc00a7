from django.urls import path

from tellonce.panels import views

app_name = "panels"
urlpatterns = [
    path("panels/", views.home, name="home"),
    path("panels/new/", views.panel_new, name="panel-new"),
    path("panels/<uuid:pk>/", views.panel, name="panel"),
    path("panels/<uuid:pk>/change/", views.panel_change, name="panel-change"),
    path("panels/<uuid:pk>/members/new/", views.member_new, name="member-new"),
    path("panels/members/<uuid:pk>/stand-down/", views.member_stand_down, name="member-stand-down"),
    path("panels/<uuid:pk>/meetings/new/", views.meeting_new, name="meeting-new"),
    path("panels/meetings/<uuid:pk>/", views.meeting, name="meeting"),
    path("panels/meetings/<uuid:pk>/attendance/", views.attendance, name="attendance"),
    path("panels/assessments/<uuid:pk>/", views.cases_of, name="cases-of"),
    path("panels/assessments/<uuid:pk>/new/", views.put_case, name="put-case"),
    path("panels/cases/<uuid:pk>/", views.case, name="case"),
    path("panels/cases/<uuid:pk>/decision/", views.decide, name="decide"),
    path("panels/cases/<uuid:pk>/letter/", views.letter, name="letter"),
    path("panels/cases/<uuid:pk>/letter.<str:extension>", views.letter_download, name="letter-download"),
    path("panels/cases/<uuid:pk>/letter/sent/", views.letter_sent, name="letter-sent"),
    path("panels/papers/<int:pk>/", views.paper, name="paper"),
]
