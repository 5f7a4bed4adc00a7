from django.urls import path

from tellonce.feedback.views import co_production, log, surveys

app_name = "feedback"
urlpatterns = [
    path("surveys/", surveys.surveys, name="surveys"),
    path("surveys/invitations/<int:pk>/", surveys.answer_invitation, name="answer"),
    path("surveys/<int:pk>/answer/", surveys.answer_open, name="answer-open"),
    path("surveys/<int:pk>/paper/", surveys.enter_paper, name="paper"),
    path("surveys/<int:pk>/results/", surveys.results, name="results"),
    path("surveys/responses/<int:pk>/delete/", surveys.forget, name="forget"),
    path("feedback/", log.feedback_log, name="log"),
    path("feedback/new/", log.feedback_new, name="new"),
    path("feedback/report/", surveys.report, name="report"),
    path("feedback/<uuid:pk>/", log.feedback_item, name="item"),
    path("feedback/<uuid:pk>/publish/", log.feedback_publish, name="publish"),
    path("voice/whose-voice/", surveys.whose_voice, name="whose-voice"),
    path("voice/co-production/", co_production.co_production, name="co-production"),
    path("voice/forum/", co_production.forum_members, name="forum"),
    path("feedback/tell-us/", log.tell_us, name="tell-us"),
    path("feedback/<uuid:pk>/delete/", log.forget_feedback, name="forget-feedback"),
    path("you-said-we-did/", log.you_said_we_did, name="you-said-we-did"),
]
