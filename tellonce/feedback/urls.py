from django.urls import path

from tellonce.feedback import views

app_name = "feedback"
urlpatterns = [
    path("surveys/", views.surveys, name="surveys"),
    path("surveys/invitations/<int:pk>/", views.answer_invitation, name="answer"),
    path("surveys/<int:pk>/answer/", views.answer_open, name="answer-open"),
    path("surveys/<int:pk>/paper/", views.enter_paper, name="paper"),
    path("surveys/<int:pk>/results/", views.results, name="results"),
    path("surveys/responses/<int:pk>/delete/", views.forget, name="forget"),
    path("feedback/", views.feedback_log, name="log"),
    path("feedback/new/", views.feedback_new, name="new"),
    path("feedback/report/", views.report, name="report"),
    path("feedback/<uuid:pk>/", views.feedback_item, name="item"),
    path("feedback/<uuid:pk>/publish/", views.feedback_publish, name="publish"),
    path("voice/whose-voice/", views.whose_voice, name="whose-voice"),
    path("voice/co-production/", views.co_production, name="co-production"),
    path("voice/forum/", views.forum_members, name="forum"),
    path("feedback/tell-us/", views.tell_us, name="tell-us"),
    path("feedback/<uuid:pk>/delete/", views.forget_feedback, name="forget-feedback"),
    path("you-said-we-did/", views.you_said_we_did, name="you-said-we-did"),
]
